import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AgentConnection } from './connection.js';
import { EnrollmentFailed, enroll } from './enroll.js';
import { collectFacts } from './facts.js';
import { realMachine } from './machine.js';
import { configureFiles, reportToServer } from './remote/files.js';
import { allowTunnelPorts } from './remote/tcp.js';
import { closeAllTunnels } from './remote/tunnel.js';
import { simulate } from './simulate.js';
import { type AgentState, defaultStatePath, readBakedConfig, readState, writeState } from './state.js';
import { type SupportRequest, createSupportTicket } from './tickets.js';
import { agentVersion } from './version.js';

const usage = `outpost-agent ${agentVersion}
  outpost-agent enroll --server URL --code CODE [--state FILE]   enroll this machine
  outpost-agent run [--state FILE] [--server URL] [--config FILE] [--tunnel-port PORT]...
                                                                keep the channel open (enrolls first from a baked config);
                                                                --tunnel-port: a loopback port remote sessions of kind tcp may reach
  outpost-agent facts                                            print what the agent reports about this machine
  outpost-agent ticket --subject TEXT [--description TEXT] [--priority low|medium|high|urgent] [--email ADDRESS] [--state FILE]
                                                                  open a support ticket for this device
  outpost-agent simulate --server URL --count N [--code CODE] [--credentials FILE] [--batch N]
                                                                  open N simulated agent connections
The credential is stored in ${defaultStatePath()} (mode 0600) unless --state or OUTPOST_AGENT_STATE says otherwise.`;

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

/** Runs a command; resolves with the exit code. Failures print one line, never a stack. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        server: { type: 'string' },
        code: { type: 'string' },
        state: { type: 'string' },
        config: { type: 'string' },
        count: { type: 'string' },
        credentials: { type: 'string' },
        batch: { type: 'string' },
        subject: { type: 'string' },
        description: { type: 'string' },
        priority: { type: 'string' },
        email: { type: 'string' },
        'tunnel-port': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`outpost-agent: ${(error as Error).message}\n`);
    return 2;
  }
  const statePath = (values.state as string | undefined) ?? defaultStatePath();
  try {
    switch (command) {
      case 'enroll':
        return await enrollCommand(values.server as string | undefined, values.code as string | undefined, statePath);
      case 'run':
        for (const value of (values['tunnel-port'] as string[] | undefined) ?? []) {
          const ports = value.split(',').map((part) => Number(part.trim()));
          if (ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65_535)) {
            process.stderr.write(`outpost-agent: --tunnel-port takes port numbers, not ${JSON.stringify(value)}\n`);
            return 2;
          }
          allowTunnelPorts(ports);
        }
        return await runCommand(
          statePath,
          values.server as string | undefined,
          (values.config as string | undefined) ?? bakedConfigPath(),
        );
      case 'facts':
        process.stdout.write(`${JSON.stringify(await collectFacts(), null, 2)}\n`);
        return 0;
      case 'simulate':
        return await simulateCommand(values);
      case 'ticket':
        return await ticketCommand(values, statePath);
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(`${usage}\n`);
        return command ? 0 : 2;
      default:
        process.stderr.write(`outpost-agent: unknown command "${command}" (try: outpost-agent help)\n`);
        return 2;
    }
  } catch (error) {
    process.stderr.write(
      `outpost-agent: ${error instanceof EnrollmentFailed ? error.message : (error as Error).message.split('\n')[0]}\n`,
    );
    return 1;
  }
}

async function ticketCommand(
  values: Record<string, string | boolean | string[] | undefined>,
  statePath: string,
): Promise<number> {
  const subject = values.subject as string | undefined;
  const priority = values.priority as SupportRequest['priority'] | undefined;
  if (!subject?.trim()) {
    process.stderr.write('outpost-agent: ticket needs --subject TEXT\n');
    return 2;
  }
  if (priority && !['low', 'medium', 'high', 'urgent'].includes(priority)) {
    process.stderr.write('outpost-agent: --priority is one of low, medium, high, urgent\n');
    return 2;
  }
  const state = readState(statePath);
  if (!state) {
    process.stderr.write(
      `outpost-agent: not enrolled (no ${statePath}); run: outpost-agent enroll --server URL --code CODE\n`,
    );
    return 2;
  }
  const number = await createSupportTicket(state, {
    subject,
    description: values.description as string | undefined,
    priority,
    email: values.email as string | undefined,
  });
  process.stdout.write(`support ticket #${number} is open; the answer comes by mail\n`);
  return 0;
}

/** A downloaded package keeps `outpost-agent.json` (server and code) beside the program. */
function bakedConfigPath(): string {
  return join(dirname(process.argv[1] ?? '.'), '..', 'outpost-agent.json');
}

async function enrollCommand(server: string | undefined, code: string | undefined, statePath: string): Promise<number> {
  if (!server || !code) {
    process.stderr.write('outpost-agent: enroll needs --server URL and --code CODE\n');
    return 2;
  }
  const answer = await enroll(server, code, await collectFacts(), { log });
  writeState(statePath, { server, deviceId: answer.deviceId, secret: answer.secret });
  process.stdout.write(`enrolled as "${answer.name}" (device ${answer.shortId}); credential saved in ${statePath}\n`);
  return 0;
}

async function runCommand(statePath: string, server: string | undefined, configPath: string): Promise<number> {
  let state: AgentState | undefined = readState(statePath);
  if (!state) {
    const baked = readBakedConfig(configPath);
    if (!baked) {
      process.stderr.write(
        `outpost-agent: not enrolled (no ${statePath}); run: outpost-agent enroll --server URL --code CODE\n`,
      );
      return 2;
    }
    const answer = await enroll(baked.server, baked.code, await collectFacts(), { log });
    state = { server: baked.server, deviceId: answer.deviceId, secret: answer.secret };
    writeState(statePath, state);
    log(`enrolled as "${answer.name}" (device ${answer.shortId})`);
  }
  if (server) state = { ...state, server };
  configureFiles({ report: reportToServer(state, log) });
  let rejected = false;
  const connection = new AgentConnection({
    state,
    machine: realMachine(),
    agentVersion,
    service: Boolean(process.env.INVOCATION_ID || process.env.OUTPOST_AGENT_SERVICE),
    log,
    onRejected: () => {
      rejected = true;
      stop();
    },
  });
  let stopping: Promise<void> | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = () => {
    closeAllTunnels();
    stopping ??= connection.stop().then(finish);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  connection.start();
  await finished;
  log(rejected ? 'the server no longer knows this device: enroll again' : 'stopped');
  return rejected ? 3 : 0;
}

async function simulateCommand(values: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const count = Number(values.count);
  if (!values.server || !Number.isInteger(count) || count < 1) {
    process.stderr.write('outpost-agent: simulate needs --server URL and --count N (a positive number)\n');
    return 2;
  }
  const { connections, connectMs } = await simulate({
    server: values.server as string,
    count,
    code: values.code as string | undefined,
    credentialsFile: values.credentials as string | undefined,
    batch: Number(values.batch ?? 500),
    log,
  });
  process.stdout.write(`${JSON.stringify({ event: 'connected', count: connections.length, connectMs })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await Promise.all(connections.map((c) => c.stop()));
  return 0;
}
