import { type Static, Type } from '@sinclair/typebox';

const Port = Type.Integer({ minimum: 0, maximum: 65535 });
const Text = (options: { default?: string; minLength?: number } = {}) => Type.String({ maxLength: 2048, ...options });

export const sqliteConnectionSchema = Type.Object(
  { filename: Text({ minLength: 1 }) },
  { additionalProperties: false },
);
export const pgConnectionSchema = Type.Union([
  Text({ minLength: 1 }),
  Type.Object(
    {
      host: Type.Optional(Text()),
      port: Type.Optional(Port),
      user: Type.Optional(Text()),
      password: Type.Optional(Text({ 'x-secret': true } as never)),
      database: Type.Optional(Text()),
      ssl: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
]);

const Limit = Type.Union([Type.Integer({ minimum: 0, maximum: 100000000 }), Type.Null()], {
  description: 'null: no limit',
});
const Plan = Type.Object(
  {
    limits: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }), Limit, {
      default: {},
      description:
        'Limit per quota counter: members (team members with open invitations) and the counters plugins register (devices). A counter not named has no limit.',
    }),
    features: Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 200,
      default: [],
      description: 'Feature names; "*" for all.',
    }),
  },
  { additionalProperties: false },
);

/** The core's own sections of app-config.yaml. Plugin sections are validated by each plugin's schema. */
export const coreConfigSchema = Type.Object(
  {
    app: Type.Object(
      {
        baseUrl: Type.String({
          maxLength: 2048,
          format: 'http-url',
          default: 'http://localhost:7007',
          description: 'The address users and agents reach Outpost at: an absolute http:// or https:// URL.',
        }),
        uiDir: Text({ default: './ui/build' }),
        listen: Type.Object(
          { host: Text({ default: '0.0.0.0' }), port: Type.Integer({ minimum: 0, maximum: 65535, default: 7007 }) },
          { additionalProperties: false, default: {} },
        ),
        dataDir: Text({ default: './data' }),
        trustProxy: Type.Boolean({ default: false, description: 'Trust X-Forwarded-* headers from a reverse proxy.' }),
        bodyLimitBytes: Type.Integer({
          minimum: 1024,
          maximum: 104857600,
          default: 1048576,
          description: 'Largest JSON body a route accepts.',
        }),
        shutdownTimeoutMs: Type.Integer({ minimum: 100, maximum: 60000, default: 9000 }),
        requestTimeoutSeconds: Type.Integer({
          minimum: 1,
          maximum: 3600,
          default: 60,
          description: 'Time a client has to send a whole request, head and body; a slower one gets 408.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
          { default: 'info' },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    database: Type.Object(
      {
        client: Type.Union([Type.Literal('better-sqlite3'), Type.Literal('pg')], { default: 'better-sqlite3' }),
        /** Checked against `sqliteConnectionSchema` or `pgConnectionSchema` once the client is known. */
        connection: Type.Unknown({ default: { filename: './data/outpost.sqlite' } }),
        searchPath: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_]*$', maxLength: 63 })),
        pool: Type.Optional(
          Type.Object(
            { min: Type.Integer({ minimum: 0, maximum: 100 }), max: Type.Integer({ minimum: 1, maximum: 100 }) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    mail: Type.Object(
      {
        transport: Type.Union([Type.Literal('outbox'), Type.Literal('smtp')], { default: 'outbox' }),
        from: Text({ default: 'Outpost <no-reply@localhost>' }),
        smtp: Type.Optional(
          Type.Object(
            {
              host: Text({ minLength: 1 }),
              port: Port,
              secure: Type.Boolean({ default: false }),
              auth: Type.Optional(
                Type.Object(
                  { user: Text(), pass: Text({ 'x-secret': true } as never) },
                  { additionalProperties: false },
                ),
              ),
              rejectUnauthorized: Type.Boolean({ default: true }),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    auth: Type.Object(
      {
        signup: Type.Boolean({
          default: true,
          description: 'Anyone may sign up; false makes the instance invite-only.',
        }),
        sessions: Type.Object(
          {
            maxConcurrent: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
            idleMinutes: Type.Integer({ minimum: 1, maximum: 43200, default: 60 }),
            absoluteHours: Type.Integer({ minimum: 1, maximum: 8760, default: 12 }),
          },
          { additionalProperties: false, default: {} },
        ),
        captcha: Type.Object(
          { afterFailures: Type.Integer({ minimum: 1, maximum: 100, default: 3 }) },
          { additionalProperties: false, default: {} },
        ),
        lockout: Type.Object(
          {
            afterFailures: Type.Integer({ minimum: 3, maximum: 1000, default: 10 }),
            minutes: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
          },
          { additionalProperties: false, default: {} },
        ),
        throttle: Type.Object(
          { ipFailures: Type.Integer({ minimum: 3, maximum: 100000, default: 30 }) },
          { additionalProperties: false, default: {} },
        ),
        password: Type.Object(
          { minLength: Type.Integer({ minimum: 8, maximum: 128, default: 10 }) },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    secrets: Type.Object(
      { key: Text({ default: '', 'x-secret': true } as never) },
      { additionalProperties: false, default: {} },
    ),
    jobs: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Run job workers and schedules in this process.' }),
        concurrency: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
        pollIntervalMs: Type.Integer({ minimum: 10, maximum: 60000, default: 1000 }),
        leaseMs: Type.Integer({ minimum: 500, maximum: 3600000, default: 30000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    metrics: Type.Object(
      { token: Type.Optional(Text({ minLength: 16, 'x-secret': true } as never)) },
      { additionalProperties: false, default: {} },
    ),
    bootstrap: Type.Object(
      {
        tenantName: Text({ minLength: 1, default: 'Default' }),
        ownerEmail: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254, default: 'admin@localhost' }),
      },
      { additionalProperties: false, default: {} },
    ),
    billing: Type.Object(
      {
        defaultPlan: Text({ minLength: 1, default: 'unlimited' }),
        plans: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }), Plan, {
          default: {
            unlimited: { limits: {}, features: ['*'] },
            trial: { limits: { devices: 3, members: 1 }, features: ['tickets', 'reports'] },
            pro: { limits: { devices: 120, members: 3 }, features: ['tickets', 'reports', 'branding', 'sso'] },
            enterprise: { limits: { devices: 700, members: null }, features: ['*'] },
          },
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    outbound: Type.Object(
      {
        allowPrivateAddresses: Type.Boolean({
          default: false,
          description:
            'Let plugins call tenant-supplied URLs on loopback, private and link-local addresses, and over plain http (an internal mirror).',
        }),
        allowedPrivateRanges: Type.Array(Type.String({ maxLength: 64, pattern: '^[0-9A-Fa-f:.]+/[0-9]{1,3}$' }), {
          maxItems: 100,
          default: [],
          description:
            'CIDR ranges (10.1.2.0/24) that tenant-supplied https URLs may reach although not public: an internal mirror, without opening every private address.',
        }),
        timeoutSeconds: Type.Integer({
          minimum: 1,
          maximum: 600,
          default: 30,
          description:
            'Idle time after which a call to a tenant-supplied URL is given up (a plugin may ask for less or more).',
        }),
        maxResponseBytes: Type.Integer({
          minimum: 1024,
          maximum: 4294967296,
          default: 10485760,
          description: 'The largest answer read from a tenant-supplied URL (a plugin may set its own for a download).',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    audit: Type.Object(
      {
        retentionDays: Type.Integer({
          minimum: 1,
          maximum: 36500,
          default: 365,
          description: 'Audit entries older than this are deleted daily.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    plugins: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  },
  { additionalProperties: false },
);

export type CoreConfig = Static<typeof coreConfigSchema>;
