// Running examples and checking their recorded outputs (the docs' notebook cells).
export * from './examples/index.ts';
