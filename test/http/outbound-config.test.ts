import { expect } from 'chai';
import {
  type Outbound,
  StartupError,
  coreServices,
  createServiceRef,
  definePlugin,
  defineService,
} from '@outpost/core';
import { startTestServer } from '@outpost/core/testing';

/** The outbound service the probe plugin was given when the last server started. */
let given: Outbound | undefined;
const probePlugin = definePlugin({
  id: 'outbound-probe',
  services: [
    defineService({
      ref: createServiceRef<Outbound>('outbound-probe.outbound'),
      create: (context) => (given = context.get(coreServices.outbound)),
    }),
  ],
});

async function outboundWith(outbound: Record<string, unknown>): Promise<{ outbound: Outbound; stop(): Promise<void> }> {
  const server = await startTestServer({ plugins: [probePlugin], config: { outbound } });
  return { outbound: given!, stop: () => server.stop() };
}

describe('outbound: the configuration reaches the service plugins get', () => {
  it('calls a private range that outbound.allowedPrivateRanges opens, and no other', async () => {
    const { outbound, stop } = await outboundWith({ allowedPrivateRanges: ['127.0.0.0/8'] });
    try {
      expect(outbound.urlProblem('https://127.0.0.1:8443/hook')).to.equal(undefined);
      expect(outbound.urlProblem('https://10.0.0.1/hook')).to.match(/not a public address/);
      expect(outbound.urlProblem('http://127.0.0.1/hook')).to.be.a('string');
    } finally {
      await stop();
    }
  });

  it('refuses the same address without it', async () => {
    const { outbound, stop } = await outboundWith({});
    try {
      expect(outbound.urlProblem('https://127.0.0.1:8443/hook')).to.match(/not a public address/);
    } finally {
      await stop();
    }
  });

  it('stops start-up on a range that is no CIDR range, naming it', async () => {
    const error = await startTestServer({
      plugins: [probePlugin],
      config: { outbound: { allowedPrivateRanges: ['10.0.0.0/99'] } },
    }).then(
      (server) => server.stop().then(() => undefined),
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(StartupError);
    expect((error as StartupError).problems).to.deep.equal([
      'outbound.allowedPrivateRanges: "10.0.0.0/99" is not a CIDR range',
    ]);
  });
});
