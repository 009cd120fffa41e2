import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { definePlugin, defineRoute } from '@outpost/core';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { type IdentityServer, startIdentityServer } from '../helpers/identity.js';

type Roles = Record<string, string[]>;

async function builtInRoles(server: IdentityServer, email: string): Promise<Roles> {
  const owner = await server.signedIn(await server.createUser(email, 'owner'));
  const answer = await owner.request('GET', '/api/v1/roles');
  expect(answer.status).to.equal(200);
  return Object.fromEntries(
    (answer.body.items as Array<{ id: string; builtIn: boolean; permissions: string[] }>)
      .filter((role) => role.builtIn)
      .map((role) => [role.id, [...role.permissions].sort()]),
  );
}

describe('built-in roles', () => {
  describe('with the bundled plugins', () => {
    let server: DevicesServer;
    before(async () => (server = await startDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] })));
    after(() => server.stop());

    it('hold exactly what they held when the core listed every permission', async () => {
      // Pinned from the core's role table before plugins declared their permissions with roles.
      // tenants.manage took over MSP access from enterprise.manage, with the same holders;
      // recordings.view and enterprise.manage now come with their plugins.
      const member = ['device.connect', 'device.view', 'ticket.manage', 'ticket.view'];
      const admin = [
        ...member,
        'device.manage',
        'groups.manage',
        'reports.view',
        'settings.manage',
        'team.manage',
        'tenants.manage',
      ].sort();
      expect(await builtInRoles(server, 'pinned-roles@example.test')).to.deep.equal({
        owner: [...admin, 'billing.manage'].sort(),
        admin,
        member,
        viewer: ['device.view', 'ticket.view'],
      });
    });
  });

  it('take a plugin permission exactly from the roles it names', async () => {
    const shifts = definePlugin({
      id: 'shifts',
      permissions: [
        { id: 'shifts.shift.swap', description: 'Swap shifts', roles: ['member'] },
        { id: 'shifts.shift.view', description: 'See shifts', roles: [] },
      ],
      routes: [
        defineRoute({
          method: 'get',
          path: '/shifts',
          summary: 'Shifts',
          permission: 'shifts.shift.view',
          schema: { response: Type.Object({}) },
          handler: () => ({}),
        }),
      ],
    });
    const server = await startIdentityServer({ plugins: [shifts] });
    try {
      const roles = await builtInRoles(server, 'shift-roles@example.test');
      expect(roles.owner).to.include.members(['shifts.shift.swap', 'shifts.shift.view']);
      expect(roles.admin).to.not.include.members(['shifts.shift.swap']);
      expect(roles.admin).to.not.include('shifts.shift.view');
      expect(roles.member).to.deep.equal(['shifts.shift.swap']);
      expect(roles.viewer).to.deep.equal([]);
    } finally {
      await server.stop();
    }
  });
});
