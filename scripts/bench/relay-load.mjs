// The load generator of bench:relay, in its own process pinned to the other core: the
// devices' side (simulated agents of the real agent code, opening real tunnels to loopback
// TCP services) and the browsers' side (signed-in WebSockets), driven over IPC by the bench.
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { WebSocket } from 'ws';
import { AgentConnection, agentVersion, allowTunnelPorts, enroll, simulatedMachine } from '@outpost/agent';

let server;
let cookie;
const agents = [];
const services = {};
const chunk = randomBytes(64 * 1024);

function listen(onConnection) {
  const tcp = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    onConnection(socket);
  });
  return new Promise((resolve) => tcp.listen(0, '127.0.0.1', () => resolve(tcp.address().port)));
}

/** Writes as fast as the reader takes it, until it goes. */
function blast(socket) {
  let open = true;
  socket.on('close', () => (open = false));
  const write = () => {
    while (open && socket.write(chunk));
  };
  socket.on('drain', write);
  write();
}

const streaming = new Set();
let lastCpu = 0;

async function setup({ url, code, email, password, agentCount, streamBytesPerTick }) {
  server = url;
  services.source = await listen(blast);
  services.echo = await listen((socket) => socket.pipe(socket));
  services.stream = await listen((socket) => {
    streaming.add(socket);
    socket.on('close', () => streaming.delete(socket));
  });
  const tick = randomBytes(streamBytesPerTick);
  // 32 KB/s to each tunnel of the stream service: a slice every 100 ms.
  setInterval(() => {
    for (const socket of streaming) socket.write(tick);
  }, 100).unref();
  allowTunnelPorts([services.source, services.echo, services.stream]);

  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');

  for (let i = 0; i < agentCount; i += 1) {
    const answer = await enroll(url, code, await simulatedMachine(i).facts());
    let ready;
    const connected = new Promise((resolve) => (ready = resolve));
    const connection = new AgentConnection({
      state: { server: url, deviceId: answer.deviceId, secret: answer.secret },
      machine: simulatedMachine(i),
      agentVersion,
      service: true,
      onReady: () => ready(),
    });
    connection.start();
    await connected;
    agents.push({ connection, deviceId: answer.deviceId });
  }
  return { services };
}

async function openSession(deviceId, port) {
  const answer = await fetch(`${server}/api/v1/remote/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server, cookie },
    body: JSON.stringify({ deviceId, kind: 'tcp', another: true, options: { port } }),
  });
  const body = await answer.json();
  if (answer.status !== 201) throw new Error(`opening a session failed: ${answer.status} ${JSON.stringify(body)}`);
  const socket = new WebSocket(`${server.replace(/^http/, 'ws')}${body.socketPath}`, {
    headers: { cookie, origin: server },
    perMessageDeflate: false,
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`socket refused: ${response.statusCode}`)),
    );
  });
  return socket;
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bytes per second read from the source service over `seconds`, after a second of warm-up. */
async function measureRate(attach, seconds) {
  let bytes = 0;
  let cpuStart;
  let counting = false;
  const stop = await attach((n) => {
    if (counting) bytes += n;
  });
  await wait(1000);
  counting = true;
  cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  await wait(seconds * 1000);
  counting = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  stop();
  lastCpu = (cpu.user + cpu.system) / 1e6 / elapsed;
  return bytes / elapsed;
}

async function direct({ seconds, rounds }) {
  const rate = await measureRate(async (count) => {
    const socket = connect({ host: '127.0.0.1', port: services.source });
    socket.on('data', (data) => count(data.length));
    await new Promise((resolve) => socket.once('connect', resolve));
    return () => socket.destroy();
  }, seconds);
  const socket = connect({ host: '127.0.0.1', port: services.echo, noDelay: true });
  await new Promise((resolve) => socket.once('connect', resolve));
  const rtts = await roundTrips(
    (message) => socket.write(message),
    (listener) => socket.on('data', listener),
    rounds,
  );
  socket.destroy();
  return { rate, rtts, cpu: lastCpu };
}

async function relay({ seconds, rounds }) {
  const deviceId = agents[0].deviceId;
  const rate = await measureRate(async (count) => {
    const socket = await openSession(deviceId, services.source);
    socket.on('message', (data) => count(data.length));
    return () => socket.close();
  }, seconds);
  const socket = await openSession(deviceId, services.echo);
  const rtts = await roundTrips(
    (message) => socket.send(message),
    (listener) => socket.on('message', listener),
    rounds,
  );
  socket.close();
  return { rate, rtts, cpu: lastCpu };
}

/** Sequential round trips of a 64-byte message through an echo; the last `rounds` timed, in ms. */
async function roundTrips(send, onData, rounds) {
  const message = randomBytes(64);
  let waiting;
  let received = 0;
  onData((data) => {
    received += data.length;
    if (received >= 64) {
      received -= 64;
      waiting?.();
    }
  });
  const times = [];
  for (let i = 0; i < rounds + 200; i += 1) {
    const started = process.hrtime.bigint();
    await new Promise((resolve) => {
      waiting = resolve;
      send(message);
    });
    if (i >= 200) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

const many = [];

async function openMany({ tunnels, concurrency }) {
  let next = 0;
  const worker = async () => {
    while (next < tunnels) {
      const index = next++;
      const socket = await openSession(agents[index % agents.length].deviceId, services.stream);
      const entry = { socket, bytes: 0 };
      socket.on('message', (data) => (entry.bytes += data.length));
      many.push(entry);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { open: many.length };
}

function counts() {
  return { bytes: many.map((entry) => entry.bytes), at: Date.now() };
}

process.on('message', async (message) => {
  try {
    let answer;
    switch (message.type) {
      case 'setup':
        answer = await setup(message);
        break;
      case 'direct':
        answer = await direct(message);
        break;
      case 'relay':
        answer = await relay(message);
        break;
      case 'openMany':
        answer = await openMany(message);
        break;
      case 'counts':
        answer = counts();
        break;
      case 'stop':
        for (const entry of many) entry.socket.close();
        await Promise.all(agents.map((a) => a.connection.stop()));
        process.exit(0);
    }
    process.send({ type: `${message.type}:done`, ...answer });
  } catch (error) {
    process.send({ type: `${message.type}:done`, error: error.stack ?? String(error) });
  }
});
process.send({ type: 'ready' });
