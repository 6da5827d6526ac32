export * from './cli-args.ts';
export * from './request-head-parser.ts';
export * from './response-writer.ts';
export * from './server.ts';
export * from './static-handler.ts';
export * from './static-path.ts';
