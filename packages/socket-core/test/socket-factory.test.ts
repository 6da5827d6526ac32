// socket(family, type): the type picks the class, as it picks the protocol in socket(2).
// SOCK_STREAM is a TCP Socket, SOCK_DGRAM a UDP DatagramSocket, both at run time and in the types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DatagramSocket, Socket, socket, udpSocket } from '../src/index.ts';
import { checkLeaksAfterEachTest } from './support/leaks.ts';

checkLeaksAfterEachTest();

describe('socket(family, type)', () => {
  it('gives a TCP Socket for no type and for SOCK_STREAM, typed Socket', async () => {
    await using plain = socket();
    await using stream = socket('AF_INET6', 'SOCK_STREAM');
    expectTypeOf(plain).toEqualTypeOf<Socket>();
    expectTypeOf(stream).toEqualTypeOf<Socket>();
    expect(plain).toBeInstanceOf(Socket);
    expect(stream).toBeInstanceOf(Socket);
    expect([plain.family, plain.type]).toEqual(['AF_INET', 'SOCK_STREAM']);
    expect([stream.family, stream.type]).toEqual(['AF_INET6', 'SOCK_STREAM']);
  });

  it('gives a UDP DatagramSocket for SOCK_DGRAM, typed DatagramSocket', async () => {
    await using udp = socket('AF_INET', 'SOCK_DGRAM');
    await using udp6 = socket('AF_INET6', 'SOCK_DGRAM');
    expectTypeOf(udp).toEqualTypeOf<DatagramSocket>();
    expect(udp).toBeInstanceOf(DatagramSocket);
    expect(udp6).toBeInstanceOf(DatagramSocket);
    expect([udp.family, udp.type]).toEqual(['AF_INET', 'SOCK_DGRAM']);
    expect([udp6.family, udp6.type]).toEqual(['AF_INET6', 'SOCK_DGRAM']);
    expect(String(udp)).toBe("<socket fd=-1 family=AF_INET type=SOCK_DGRAM laddr=('0.0.0.0', 0)>");
    // The compiler knows it is UDP: there is nothing to listen for.
    // @ts-expect-error: a DatagramSocket has no listen()
    expect(udp.listen).toBeUndefined();
  });

  it('makes a SOCK_DGRAM socket that really speaks UDP: sendto, recvfrom, one datagram each', async () => {
    await using server = socket('AF_INET', 'SOCK_DGRAM');
    await server.bind(['127.0.0.1', 0]);
    server.settimeout(2_000);
    await using client = socket('AF_INET', 'SOCK_DGRAM');
    await client.sendto('one', server.getsockname());
    await client.sendto('two', server.getsockname());
    const [first, from] = await server.recvfrom(1_024);
    const [second] = await server.recvfrom(1_024);
    expect([first.toString(), second.toString()]).toEqual(['one', 'two']);
    expect(from).toEqual(['127.0.0.1', client.getsockname()[1]]);
  });

  it('is what udpSocket(family) gives too', async () => {
    await using a = udpSocket('AF_INET6');
    await using b = socket('AF_INET6', 'SOCK_DGRAM');
    expect(a.constructor).toBe(b.constructor);
    expect(String(a)).toBe(String(b));
  });

  it('names a bad family or type, whichever class it was for', () => {
    expect(() => socket('AF_UNIX' as never)).toThrow(/^socket\(\): family must be .*'AF_UNIX'/);
    expect(() => socket('AF_UNIX' as never, 'SOCK_DGRAM')).toThrow(
      /^socket\(\): family must be .*'AF_UNIX'/,
    );
    expect(() => socket('AF_INET', 'SOCK_RAW' as never)).toThrow(
      /^socket\(\): type must be 'SOCK_STREAM' or 'SOCK_DGRAM'; got 'SOCK_RAW'/,
    );
  });
});

describe('new Socket(family, type)', () => {
  it('refuses SOCK_DGRAM instead of making a TCP socket labelled UDP, and says what to call', () => {
    // @ts-expect-error: the Socket class is TCP only, so SOCK_DGRAM is not a type it accepts
    expect(() => new Socket('AF_INET', 'SOCK_DGRAM')).toThrow(TypeError);
    expect(() => new Socket('AF_INET', 'SOCK_DGRAM' as never)).toThrow(
      /TCP \(SOCK_STREAM\) only.*socket\(family, 'SOCK_DGRAM'\) or udpSocket\(family\)/,
    );
    expect(new Socket('AF_INET', 'SOCK_STREAM').type).toBe('SOCK_STREAM');
  });
});
