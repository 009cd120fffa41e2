import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/**
 * MSP access (creating customer tenants, acting in them from the root tenant) was held
 * through `enterprise.manage`, which now belongs to the enterprise plugins; the core's
 * own permission for it is `tenants.manage`. Custom roles and API keys that held the old
 * one get the new one beside it, so nobody loses access (the old id stays for the
 * plugins that will declare it).
 */
export const coreTenantsPermission: Migration = {
  name: '202611291200_core_tenants_permission',
  async up(knex: Knex) {
    await rewriteLists(knex, (list) =>
      list.includes('enterprise.manage') && !list.includes('tenants.manage') ? [...list, 'tenants.manage'] : list,
    );
  },
  async down(knex: Knex) {
    await rewriteLists(knex, (list) => list.filter((p) => p !== 'tenants.manage'));
  },
};

async function rewriteLists(knex: Knex, change: (list: string[]) => string[]): Promise<void> {
  for (const [table, column] of [
    ['core_roles', 'permissions'],
    ['core_api_keys', 'scopes'],
  ] as const) {
    const rows: Array<{ id: string; list: string }> = await knex(table).select('id', `${column} as list`);
    for (const row of rows) {
      const list = JSON.parse(row.list) as string[];
      const changed = change(list);
      if (changed.length !== list.length)
        await knex(table)
          .where({ id: row.id })
          .update({ [column]: JSON.stringify(changed) });
    }
  }
}
