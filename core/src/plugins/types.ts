import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Knex } from 'knex';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import type { EventBus, OutpostEvent, SubscriberDelivery } from '../events/bus.js';
import type { JobContext, JobQueue } from '../jobs/queue.js';
import type { Mailer } from '../mail/mailer.js';
import type { Principal } from '../identity/principal.js';
import type { TenantScope } from '../tenancy/scope.js';

/** A typed handle on a service: `createServiceRef<TicketsService>('tickets.service')`. */
export interface ServiceRef<T> {
  readonly id: string;
  /** Phantom field that carries the type; never set. */
  readonly $type?: T;
}

export function createServiceRef<T>(id: string): ServiceRef<T> {
  return { id };
}

/**
 * What a plugin's service factories, subscribers, jobs and sockets receive. `TConfig`
 * is the plugin's config type, set by `definePlugin<Config>(...)` (`Config = Static<typeof configSchema>`).
 */
export interface PluginContext<TConfig = Record<string, unknown>> {
  readonly pluginId: string;
  /** The plugin's own config section, validated, defaults applied. */
  readonly config: TConfig;
  readonly coreConfig: CoreConfig;
  readonly db: Knex;
  readonly events: EventBus;
  readonly jobs: JobQueue;
  readonly mail: Mailer;
  readonly logger: Logger;
  /** Helpers for the plugin's WebSocket endpoints (`sockets`). */
  readonly sockets: PluginSockets;
  /** A service of this plugin, of a declared dependency, or of the core. */
  get<T>(ref: ServiceRef<T>): T;
}

/**
 * What the core offers a plugin's socket handlers. A browser socket under `/api/v1/<id>/`
 * authenticates like the event stream: the session cookie (its `Origin` must be Outpost's
 * own) or an API key.
 */
export interface PluginSockets {
  /**
   * The caller of an upgrade request: throws `AuthenticationError` without valid credentials,
   * `ForbiddenError` for a session cookie sent from another site's page.
   */
  authenticate(request: IncomingMessage): Promise<Principal>;
  /** Reads an open socket's principal again from its credentials, recording no use of them; undefined when access ended. */
  reauthenticate(request: IncomingMessage): Promise<Principal | undefined>;
  /** Answers an upgrade request with the error as an RFC 9457 problem (a 5xx without its message) and closes the socket. */
  refuse(socket: Duplex, error: unknown): void;
  /** The URL this process listens at (`http://localhost:7007`), once it does; for connections between instances. */
  listeningUrl(): string | undefined;
}

export interface ServiceDefinition<T = unknown, TConfig = any> {
  ref: ServiceRef<T>;
  create(context: PluginContext<TConfig>): T | Promise<T>;
  /** Called on shutdown, in reverse start order. */
  close?(service: T): void | Promise<void>;
}

/** The built-in roles a permission can name; Owner holds every permission. */
export type GrantedRole = 'admin' | 'member' | 'viewer';

export interface PermissionDefinition {
  /** `<plugin>.<resource>.<action>`, e.g. `tickets.ticket.update`. */
  id: string;
  description: string;
  /** The built-in roles besides Owner that hold it (`[]`: Owner only). */
  roles: GrantedRole[];
}

export interface Migration {
  /** Sortable and unique within the plugin, e.g. `202611221200_create_tickets`. */
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSchemas {
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The success answer; validated in test runs, documented in OpenAPI. */
  response?: TSchema;
}

/** What a handler sees of the request: validated input and the request scope. */
export interface RouteRequest<P = any, Q = any, B = any> {
  params: P;
  query: Q;
  body: B;
  scope: RequestScope;
  /** For headers and status only; the validated input above is what a handler reads. */
  ctx: Koa.Context;
}

export interface RouteDefinition<P = any, Q = any, B = any> {
  method: HttpMethod;
  /** Relative to `/api/v1/<plugin id>`, @koa/router syntax (`/items/:id`). */
  path: string;
  summary: string;
  /** The permission the caller must hold. Required unless `public` or `signedIn` is true. */
  permission?: string;
  /** Explicit opt-out of authentication. */
  public?: boolean;
  /**
   * Open to any signed-in person on their own behalf (their account, their keys), with
   * no permission needed; a session only, never an API key or a device.
   */
  signedIn?: boolean;
  /**
   * An unsafe method that changes only the caller's own view (a favorite) or sends a
   * hint (which devices a dashboard watches): a read-only role such as Viewer may call it.
   */
  personal?: boolean;
  /** Answers even before a user with a generated password has set their own. */
  beforePasswordChange?: boolean;
  /** Status of a successful answer (default 200); a handler that returns nothing answers 204. */
  status?: number;
  /**
   * Pages of any website may call it (an embeddable widget's form): the cross-site check
   * is skipped, CORS preflights are answered and every answer (errors included) carries
   * `Access-Control-Allow-Origin` for the caller; a handler that refuses an origin
   * removes that header. Only for public routes, which act on no one's session.
   */
  crossOrigin?: boolean;
  /** The path carries a credential (an invite code, a portal link's token): logs show the route's template, not the path. */
  secretPath?: boolean;
  /** The largest JSON body this route accepts, where it needs more than `app.bodyLimitBytes` (an import). */
  bodyLimitBytes?: number;
  schema?: RouteSchemas;
  handler(request: RouteRequest<P, Q, B>): unknown | Promise<unknown>;
}

type InputOf<T> = T extends TSchema ? Static<T> : undefined;

/** A route whose handler input is typed from its schemas. */
export interface TypedRouteDefinition<S extends RouteSchemas> extends Omit<RouteDefinition, 'schema' | 'handler'> {
  schema?: S;
  handler(
    request: RouteRequest<InputOf<S['params']>, InputOf<S['query']>, InputOf<S['body']>>,
  ): unknown | Promise<unknown>;
}

export function defineRoute<S extends RouteSchemas>(route: TypedRouteDefinition<S>): RouteDefinition {
  return route as RouteDefinition;
}

export function defineService<T, TConfig = Record<string, unknown>>(
  service: ServiceDefinition<T, TConfig>,
): ServiceDefinition<T, TConfig> {
  return service;
}

/** Request-scoped values; handlers resolve services only from here. */
export interface RequestScope {
  readonly requestId: string;
  readonly logger: Logger;
  readonly principal: Principal | undefined;
  /** Tenant-scoped queries for the current tenant; throws when the request has none. */
  readonly tenant: TenantScope;
  get<T>(ref: ServiceRef<T>): T;
}

export interface EventDefinition {
  schema: TSchema;
  /** Between the plugin's own instances only (a relayed call): never sent to browsers. */
  internal?: boolean;
  /** Who may receive it on `/api/v1/stream`; without one, any signed-in member of the tenant. */
  permission?: string;
  description?: string;
}

/**
 * Runs on events of a topic (this plugin's or a declared dependency's). To type another
 * plugin's payload, annotate the event with the type that plugin exports:
 * `handle: (event: OutpostEvent<DeviceStatusEvent>, context) => ...`.
 */
export interface SubscriberDefinition<TConfig = any, TPayload = any> {
  /** A topic, or a prefix ending in `*`. */
  topic: string;
  /** Unique within the plugin; logs and stored deliveries name it `<plugin id>.<subscriberId>`. */
  subscriberId: string;
  /**
   * Where it runs when several instances share one database:
   * - `every-instance`: on each instance, at once, in memory, not retried: for work about
   *   the instance itself (its open sockets, caches, calls it waits for).
   * - `once-per-cluster`: once across the instances, for durable work (database writes,
   *   jobs, mail, outbound calls). The publisher stores the delivery as a job before
   *   `publish()` returns; an instance running jobs runs it, retried with backoff on
   *   failure and after a crash. At least once, so be idempotent: for a job you enqueue,
   *   pass `idempotencyKey: event.id`. Needs `jobs.enabled` on some instance.
   */
  delivery: SubscriberDelivery;
  handle(event: OutpostEvent<TPayload>, context: PluginContext<TConfig>): void | Promise<void>;
}

export type JobSchedule = { cron: string; timezone?: string } | { everyMs: number };

export interface JobDefinition<T = any, TConfig = any> {
  /** Unique within the plugin; the queue name is `<plugin id>.<name>`. */
  name: string;
  handle(payload: T, job: JobContext, plugin: PluginContext<TConfig>): void | Promise<void>;
  maxAttempts?: number;
  /** Base delay of the exponential backoff between attempts. */
  backoffMs?: number;
  /** Run on this schedule, once per tick across all instances. */
  schedule?: JobSchedule;
  payloadSchema?: TSchema;
}

/**
 * A WebSocket endpoint of a plugin at an absolute path (the agent channel:
 * `/agent/v1/ws`). The core hands over every upgrade request for that path; the
 * plugin authenticates it and owns the socket from then on. Paths are outside `/api/`,
 * except a plugin's browser sockets under its own `/api/v1/<id>/`, which authenticate
 * with `context.sockets.authenticate` (session or API key, Origin checked).
 */
export interface SocketDefinition<TConfig = any> {
  /** The path; with `prefix`, a path ending in `/` under which every path is the plugin's (`/agent/v1/tunnel/`). */
  path: string;
  /** Every path below `path` (the longest matching prefix wins; an exact `path` of another socket first). */
  prefix?: boolean;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, plugin: PluginContext<TConfig>): void;
}

/** Turns an event into a notification in the web app (toast, and a browser notification when the tab is hidden). */
export interface NotificationDefinition {
  topic: string;
  /**
   * What the user turns on or off in Settings → Notifications ("A device comes online"), translated by the web app;
   * the title, its placeholders left out, when not given. Rules for one topic share its setting.
   */
  label?: string;
  /** Text with `{field}` placeholders filled from the event payload. */
  title: string;
  body?: string;
  /** Plays the web app's chime when the payload's `sound` field is true. */
  soundField?: string;
  /** Only events whose payload field has this value (a reply from the customer, not from the team). */
  when?: { field: string; equals: string | number | boolean };
}

/**
 * An element a plugin adds to another plugin's page, at an extension point that page
 * names (`<outpost-extensions point="devices.device.details" .context=${...}>`). The
 * element gets the page's `context` as a property; the contributing plugin's module
 * is loaded when the point is first shown.
 */
export interface UiExtension {
  /** `<plugin>.<place>`, named and documented by the plugin whose page shows it. */
  point: string;
  /** The custom element the plugin's module defines. */
  element: string;
  /** Shown only to users holding this permission. */
  permission?: string;
}

/**
 * A quick action on the web app's home page: a link `+ <label>` to a page of the
 * plugin that opens the right form. An action that needs code (a dialog, a live
 * count) is an element at the `core.home.actions` extension point instead.
 */
export interface UiHomeAction {
  /** Translated by the web app (t()); shown after `+ `. */
  label: string;
  /** Where the link goes in the web app, starting with `/`. */
  path: string;
  /** Shown only to users holding this permission. */
  permission?: string;
}

/**
 * Where a navigation entry goes in the sidebar, by how often it is used: daily work
 * first, then setting things up, then administration.
 */
export type UiNavSection = 'work' | 'setup' | 'admin';

export interface UiNavEntry {
  label: string;
  /** One of the web app's icon names (docs/ui.md); an unknown name shows a neutral icon. */
  icon: string;
  path: string;
  permission?: string;
  /** The sidebar section; `work` when not given. */
  section?: UiNavSection;
  /** Place within the section, lowest first (the core's Dashboard is 0); 100 when not given. */
  order?: number;
  /**
   * Entries listed under this one (a plugin's groups, its Trash with a count): an API
   * path below `/api/v1` answering `{ items: [{ label, path, badge?, verbatim? }] }`, fetched
   * again when an event matching `refreshOn` arrives. Labels are English, translated by the
   * plugin's dictionary like `label` here, except those marked `verbatim` (names users gave).
   */
  children?: { source: string; refreshOn?: string };
}

/**
 * A tab of the web app's Settings page (`/settings/<id>`), after the core's own tabs
 * (Account & security, Notifications, Team, Roles, API keys, Audit log, Tenants,
 * Billing). Its element, from the plugin's browser module (loaded when the tab is
 * first opened), gets the signed-in `account` as a property and shows its own
 * headings and forms. Several plugins may declare the same `id` with the same `label`:
 * the tab then shows each one's element, by `order` (the Widgets tab: the invites
 * plugin's code widget and the tickets plugin's support widget).
 */
export interface UiSettingsTab {
  /** The tab's address under `/settings/`: lowercase words joined by `-`, not one of the core's tabs. */
  id: string;
  /** The tab's name, translated by the web app (t()). */
  label: string;
  /** One of the web app's icon names; the tab shows none when not given. */
  icon?: string;
  /** Shown only to users holding this permission (a forbidden tab's address shows the not-found page). */
  permission?: string;
  /** Place among the plugins' tabs, lowest first; 100 when not given. Core tabs always come first. */
  order?: number;
  /** The custom element the plugin's module defines (`<plugin id>-...`). */
  element: string;
  /**
   * Earlier addresses of what the tab now shows (a page that was in the sidebar, `/invite-page`): the web app
   * sends them to the tab, so bookmarks keep working.
   */
  redirects?: string[];
}

/**
 * A page of the plugin's that has no sidebar entry (the Web Connect viewer, opened from a
 * device's row): the web app shows the plugin's `<id>-page` at this path and below it.
 */
export interface UiPage {
  /** Where the page is, starting with `/<plugin id>/`; paths below it are the page's too. */
  path: string;
  /** Only users holding it get the page (the others see the not-found page); the server checks its API again. */
  permission?: string;
}

export interface UiDefinition {
  /**
   * The plugin's browser module, a file of its bundle; `index.js` (built from
   * `plugins/<id>/ui/index.ts`) when not given. Loaded on demand when the user opens one
   * of the plugin's pages, it defines the custom element `<plugin id>-page` with the web
   * app's SDK (`@outpost/ui-sdk`: Lit, the API client, components, t()).
   */
  entry?: string;
  /**
   * Leave out: the server serves the bundle the build writes into the plugin's package
   * (`dist/browser`). Only a plugin that is no `@outpost/plugin-<id>` package (a test's
   * fixture) names its folder of browser files here, as an absolute path.
   */
  dir?: string;
  nav?: UiNavEntry[];
  /** Pages without a sidebar entry. */
  pages?: UiPage[];
  /** Events the web app shows as notifications wherever the user is. */
  notifications?: NotificationDefinition[];
  extensions?: UiExtension[];
  /** Quick actions on the home page, in this order, before the plugin's `core.home.actions` elements. */
  homeActions?: UiHomeAction[];
  /** Tabs the plugin adds to the Settings page. */
  settings?: UiSettingsTab[];
  /**
   * Command palette providers (Ctrl/Cmd+K): browser modules of the plugin's bundle (built from
   * `ui/palette.ts` into `palette.js`) that call the SDK's `registerPaletteProvider`. The web
   * app loads those the user's permission allows when the palette first opens, so the plugin's
   * results and actions are there before any of its pages was opened.
   */
  palette?: UiPaletteModule[];
}

export interface UiPaletteModule {
  /** A file of the plugin's bundle: `palette.js`. */
  module: string;
  /** Only users holding it get the module (its items check permissions again, and so does the server). */
  permission?: string;
}

export interface PluginDefinition<TConfig = any> {
  id: string;
  dependencies?: string[];
  /** The plugin's config section (validated, defaults applied); its static type becomes `context.config`'s. */
  configSchema?: TSchema;
  permissions?: PermissionDefinition[];
  migrations?: Migration[];
  services?: ServiceDefinition<any, NoInfer<TConfig>>[];
  routes?: RouteDefinition[];
  /**
   * Routes at an absolute path outside `/api/v1`, for peers that are not API clients
   * (agents enrolling at `/agent/v1/enroll`). Same validation and errors as `routes`.
   */
  externalRoutes?: RouteDefinition[];
  sockets?: SocketDefinition<NoInfer<TConfig>>[];
  events?: Record<string, EventDefinition>;
  subscribers?: SubscriberDefinition<NoInfer<TConfig>>[];
  jobs?: JobDefinition<any, NoInfer<TConfig>>[];
  ui?: UiDefinition;
  /** Marks the config type; never set. */
  readonly $config?: TConfig;
}

const pluginBrand = Symbol.for('outpost.plugin');

export function definePlugin<TConfig = Record<string, unknown>>(
  definition: PluginDefinition<TConfig>,
): PluginDefinition<TConfig> {
  Object.defineProperty(definition, pluginBrand, { value: true });
  return definition;
}

export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[pluginBrand] === true;
}
