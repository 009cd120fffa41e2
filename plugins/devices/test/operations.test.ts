import { Type } from '@sinclair/typebox';
import { expect } from 'chai';
import { createServiceRef, definePlugin, defineService } from '@outpost/core';
import { startTestServer } from '@outpost/core/testing';
import { type AgentOperationDefinition, agentOperationsRef } from '../src/api.js';
import { AgentOperationRegistry } from '../src/operations.js';
import { devicesPlugin } from '../src/plugin.js';

const operation = (name: string, permission = 'toolbox.tool.run'): AgentOperationDefinition => ({
  name,
  description: `Runs ${name}`,
  argsSchema: Type.Object({}, { additionalProperties: false }),
  destructive: false,
  permission,
});

/** A plugin that adds agent operations the way fleet and MCP will: through the devices plugin's ref. */
function toolboxPlugin(operations = [operation('toolbox:ping')]) {
  return definePlugin({
    id: 'toolbox',
    dependencies: ['devices'],
    permissions: [{ id: 'toolbox.tool.run', description: 'Run toolbox operations', roles: ['admin'] }],
    services: [
      defineService({
        ref: createServiceRef<true>('toolbox.registered'),
        create(context) {
          context.get(agentOperationsRef).register(context.pluginId, operations);
          return true;
        },
      }),
    ],
  });
}

const config = { plugins: { devices: { demoLocalAgent: false } } };

describe('devices: the agent-operations registry', () => {
  it('refuses names that are not category:name, names taken and undeclared permissions, registering none of the batch', () => {
    const registry = new AgentOperationRegistry((id) => id === 'toolbox.tool.run');
    registry.register('devices', [operation('diagnostics:disk_usage')]);
    expect(() =>
      registry.register('toolbox', [
        operation('Ping'),
        operation('diagnostics:disk_usage'),
        operation('toolbox:ping', 'toolbox.tool.own'),
        operation('toolbox:echo'),
        operation('toolbox:echo'),
      ]),
    ).to.throw(
      [
        'plugin "toolbox": agent operation "Ping" must be named category:name',
        'plugin "toolbox": agent operation "diagnostics:disk_usage" is also registered by plugin "devices"',
        'plugin "toolbox": agent operation "toolbox:ping" needs undeclared permission "toolbox.tool.own"',
        'plugin "toolbox": agent operation "toolbox:echo" is also registered by plugin "toolbox"',
      ].join('; '),
    );
    expect(registry.list().map((op) => `${op.owner}/${op.name}`)).to.deep.equal(['devices/diagnostics:disk_usage']);
  });

  it('lists what other plugins register beside the agent catalog', async () => {
    const server = await startTestServer({ plugins: [devicesPlugin, toolboxPlugin()], config });
    try {
      const listed = await server.request('GET', '/api/v1/devices/operations', {
        principal: { permissions: ['device.view'] },
      });
      expect(listed.status).to.equal(200);
      const names = listed.body.items.map((op: { name: string }) => op.name);
      expect(names).to.include.members(['toolbox:ping', 'diagnostics:disk_usage']);
      expect(listed.body.items.find((op: { name: string }) => op.name === 'toolbox:ping')).to.deep.include({
        permission: 'toolbox.tool.run',
        destructive: false,
      });
    } finally {
      await server.stop();
    }
  });

  it('stops the start when a plugin registers an operation the devices plugin has', async () => {
    const started = await startTestServer({
      plugins: [devicesPlugin, toolboxPlugin([operation('diagnostics:disk_usage')])],
      config,
    }).catch((error: Error) => error);
    expect(started).to.be.instanceOf(Error);
    expect((started as Error).message).to.include(
      'plugin "toolbox": agent operation "diagnostics:disk_usage" is also registered by plugin "devices"',
    );
  });
});
