// An Outpost process whose fixture plugin has a migration that fails, started the way
// `outpost start` starts one (serve). OUTPOST_TEST_OVERRIDES holds the config (JSON).
import { createOutpost, definePlugin, serve } from '@outpost/core';

const brokenPlugin = definePlugin({
  id: 'broken',
  migrations: [
    {
      name: '202612010000_broken',
      up: async (knex) => {
        await knex.schema.createTable('broken_things', (t) => t.string('id', 36).primary());
        await knex('broken_no_such_table').insert({ id: 'x' });
      },
      down: (knex) => knex.schema.dropTableIfExists('broken_things'),
    },
  ],
});

const outpost = await createOutpost({
  configFiles: [],
  overrides: JSON.parse(process.env.OUTPOST_TEST_OVERRIDES ?? '{}') as Record<string, unknown>,
  plugins: [brokenPlugin],
});
process.exitCode = await serve(outpost);
