import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/**
 * Accounts, sessions, one-time tokens, sign-in attempts, captchas, TOTP recovery
 * codes, API keys and their usage, and the audit log. Every token, key and code is
 * stored as a SHA-256 hash; the TOTP secret is encrypted by the secrets service.
 */
export const coreIdentity: Migration = {
  name: '202611230900_core_identity',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_users', (t) => {
      t.string('surname', 200).notNullable().defaultTo('');
      t.string('country', 2).nullable();
      t.string('language', 35).notNullable().defaultTo('en');
      t.string('time_zone', 64).notNullable().defaultTo('UTC');
      t.string('date_format', 16).notNullable().defaultTo('YYYY-MM-DD');
      t.text('totp_secret').nullable();
      t.text('totp_pending_secret').nullable();
      t.bigInteger('totp_last_step').nullable();
      t.timestamp('password_changed_at', { useTz: true }).nullable();
      t.timestamp('last_sign_in_at', { useTz: true }).nullable();
    });
    await knex.schema.createTable('core_sessions', (t) => {
      t.string('id', 36).primary();
      t.string('token_hash', 64).notNullable().unique();
      t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.string('tenant_id', 36).nullable().references('id').inTable('core_tenants').onDelete('SET NULL');
      t.string('ip', 64).notNullable();
      t.string('user_agent', 512).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('last_seen_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('ended_at', { useTz: true }).nullable();
      t.index(['user_id']);
    });
    await knex.schema.createTable('core_auth_tokens', (t) => {
      t.string('token_hash', 64).primary();
      t.string('purpose', 16).notNullable();
      t.string('email', 254).notNullable();
      t.string('user_id', 36).nullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('used_at', { useTz: true }).nullable();
    });
    await knex.schema.createTable('core_sign_in_attempts', (t) => {
      t.increments('id');
      t.string('email', 254).notNullable();
      t.string('ip', 64).notNullable();
      t.boolean('succeeded').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['email', 'created_at']);
      t.index(['ip', 'created_at']);
    });
    await knex.schema.createTable('core_captchas', (t) => {
      t.string('id', 36).primary();
      t.string('answer_hash', 64).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('core_trusted_browsers', (t) => {
      t.string('token_hash', 64).primary();
      t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.timestamp('expires_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('core_recovery_codes', (t) => {
      t.string('code_hash', 64).primary();
      t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.timestamp('used_at', { useTz: true }).nullable();
      t.index(['user_id']);
    });
    await knex.schema.createTable('core_api_keys', (t) => {
      t.string('id', 36).primary();
      t.string('key_hash', 64).notNullable().unique();
      t.string('prefix', 16).notNullable();
      t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('name', 100).notNullable();
      t.text('scopes').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).nullable();
      t.timestamp('last_used_at', { useTz: true }).nullable();
      t.timestamp('revoked_at', { useTz: true }).nullable();
      t.index(['user_id']);
    });
    await knex.schema.createTable('core_api_key_usage', (t) => {
      t.string('key_id', 36).notNullable().references('id').inTable('core_api_keys').onDelete('CASCADE');
      t.string('day', 10).notNullable();
      t.integer('requests').notNullable();
      t.primary(['key_id', 'day']);
    });
    await knex.schema.createTable('core_audit', (t) => {
      t.increments('id');
      t.string('tenant_id', 36).nullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('actor_kind', 16).notNullable();
      t.string('actor_id', 36).nullable();
      t.string('actor_label', 254).notNullable();
      t.string('action', 64).notNullable();
      t.string('resource_type', 64).nullable();
      t.string('resource_id', 64).nullable();
      t.string('ip', 64).nullable();
      t.string('user_agent', 512).nullable();
      t.text('details').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['tenant_id', 'created_at']);
      t.index(['actor_id']);
    });
  },
  async down(knex: Knex) {
    for (const table of [
      'core_audit',
      'core_api_key_usage',
      'core_api_keys',
      'core_recovery_codes',
      'core_trusted_browsers',
      'core_captchas',
      'core_sign_in_attempts',
      'core_auth_tokens',
      'core_sessions',
    ]) {
      await knex.schema.dropTable(table);
    }
    await knex.schema.alterTable('core_users', (t) => {
      for (const column of [
        'surname',
        'country',
        'language',
        'time_zone',
        'date_format',
        'totp_secret',
        'totp_pending_secret',
        'totp_last_step',
        'password_changed_at',
        'last_sign_in_at',
      ]) {
        t.dropColumn(column);
      }
    });
  },
};
