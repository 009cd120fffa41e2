import { Type } from '@sinclair/typebox';
import { expect } from 'chai';
import { StartupError } from '../src/errors.js';
import { checkPluginDefinitions, orderPlugins } from '../src/plugins/loader.js';
import { type PluginDefinition, definePlugin } from '../src/plugins/types.js';

const plugin = (id: string, dependencies: string[] = [], extra: Partial<PluginDefinition> = {}) =>
  definePlugin({ id, dependencies, ...extra });
const catalogOf = (...plugins: PluginDefinition[]) => new Map(plugins.map((p) => [p.id, p]));

function startupProblems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(StartupError);
    return (error as StartupError).problems;
  }
  throw new Error('expected a StartupError');
}

describe('plugin loader', () => {
  it('orders enabled plugins after their dependencies', () => {
    const catalog = catalogOf(
      plugin('tickets', ['contacts', 'devices']),
      plugin('contacts', ['devices']),
      plugin('devices'),
      plugin('extra'),
    );
    expect(orderPlugins(catalog, ['tickets', 'contacts', 'devices']).map((p) => p.id)).to.deep.equal([
      'devices',
      'contacts',
      'tickets',
    ]);
  });

  it('refuses a dependency that is missing or disabled', () => {
    const catalog = catalogOf(plugin('tickets', ['devices', 'ghost']), plugin('devices'));
    expect(startupProblems(() => orderPlugins(catalog, ['tickets']))).to.deep.equal([
      'plugins.tickets: needs plugin "devices"; enable it with plugins.devices.enabled: true',
      'plugins.tickets: needs plugin "ghost", which is not installed',
    ]);
  });

  it('refuses a cycle and names it', () => {
    const catalog = catalogOf(plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a']));
    expect(startupProblems(() => orderPlugins(catalog, ['a', 'b', 'c']))).to.deep.equal([
      'plugins depend on each other in a cycle: a → b → c → a',
    ]);
  });

  it('refuses a route without a permission, undeclared permissions, unbounded input and a signed-in route open to other websites', () => {
    const bad = plugin('bad', [], {
      permissions: [
        { id: 'bad.thing.read', description: '', roles: ['viewer'] },
        { id: 'other.thing.read', description: '', roles: ['viewer'] },
      ],
      routes: [
        { method: 'get', path: '/open', summary: '', handler: () => ({}) },
        { method: 'get', path: '/x/:id', summary: '', permission: 'bad.thing.write', handler: () => ({}) },
        {
          method: 'post',
          path: '/y',
          summary: '',
          permission: 'bad.thing.read',
          schema: { body: Type.Object({ name: Type.String(), list: Type.Array(Type.String({ maxLength: 3 })) }) },
          handler: () => ({}),
        },
        {
          method: 'post',
          path: '/z',
          summary: '',
          permission: 'bad.thing.read',
          crossOrigin: true,
          handler: () => ({}),
        },
        {
          method: 'get',
          path: '/w',
          summary: '',
          permission: 'bad.thing.read',
          schema: {
            query: Type.Object(
              { limit: Type.Integer({ minimum: 1 }), code: Type.String({ pattern: '^[a-z]{2}$' }) },
              { additionalProperties: false },
            ),
          },
          handler: () => ({}),
        },
      ],
    });
    expect(startupProblems(() => checkPluginDefinitions([bad], []))).to.deep.equal([
      'plugin "bad": permission "other.thing.read" must be named bad.<resource>.<action>',
      'plugin "bad": route GET /open: declares no permission (say public: true or signedIn: true if it needs none)',
      'plugin "bad": route GET /x/:id: permission "bad.thing.write" is not declared by this plugin, a dependency or the core',
      'plugin "bad": route GET /x/:id: path parameter :id has no schema',
      'plugin "bad": route POST /y: body: object without additionalProperties: false',
      'plugin "bad": route POST /y: body/name: string without maxLength',
      'plugin "bad": route POST /y: body/list: array without maxItems',
      'plugin "bad": route POST /z: crossOrigin routes must be public',
      'plugin "bad": route GET /w: query/limit: number without minimum and maximum',
    ]);
  });

  it('refuses bad ids, foreign service names, events of others and invalid schedules', () => {
    const bad = plugin('Bad_Id', [], {
      services: [{ ref: { id: 'other.service' }, create: () => ({}) }],
      events: { 'other.thing.happened': { schema: Type.Object({}) } },
      jobs: [{ name: 'j', schedule: { cron: 'not a cron' }, handle: () => {} }],
    });
    const problems = startupProblems(() => checkPluginDefinitions([bad], []));
    expect(problems[0]).to.equal('plugin "Bad_Id": the id must match /^(?=.{1,32}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/');
    expect(problems).to.include('plugin "Bad_Id": service "other.service" must be named Bad_Id.<name>');
    expect(problems).to.include(
      'plugin "Bad_Id": event "other.thing.happened" must be named Bad_Id.<resource>.<past-tense>',
    );
    expect(problems.some((p) => p.startsWith('plugin "Bad_Id": job "j" has an invalid schedule'))).to.equal(true);
  });

  it("refuses an id that is the core's own (an API root, a page of the web app)", () => {
    expect(startupProblems(() => checkPluginDefinitions([plugin('team'), plugin('core')], []))).to.deep.equal([
      `plugin "team": the id is the core's own (team); choose another`,
      `plugin "core": the id is the core's own (core); choose another`,
    ]);
  });

  it('refuses a subscriber without a delivery, and a subscriber id declared twice', () => {
    const handle = () => {};
    const bad = plugin('bad', [], {
      events: { 'bad.thing.happened': { schema: Type.Object({}) } },
      subscribers: [
        { topic: 'bad.thing.happened', subscriberId: 'a', delivery: 'every-instance', handle },
        { topic: 'bad.thing.happened', subscriberId: 'a', delivery: 'once-per-cluster', handle },
        { topic: 'bad.thing.happened', subscriberId: 'b', handle } as never,
      ],
    });
    expect(startupProblems(() => checkPluginDefinitions([bad], []))).to.deep.equal([
      'plugin "bad": subscriber "a" is declared twice',
      'plugin "bad": subscriber "b": delivery must be "every-instance" or "once-per-cluster"',
    ]);
  });

  it('refuses a home action with an empty label, a relative path or an undeclared permission', () => {
    const bad = plugin('bad', [], {
      permissions: [{ id: 'bad.thing.write', description: '', roles: ['admin'] }],
      ui: {
        homeActions: [
          { label: 'Add thing', path: '/things/new', permission: 'bad.thing.write' },
          { label: ' ', path: '/things/new' },
          { label: 'Relative', path: 'things/new' },
          { label: 'Secret', path: '/things/secret', permission: 'bad.secret.read' },
        ],
      },
    });
    expect(startupProblems(() => checkPluginDefinitions([bad], []))).to.deep.equal([
      'plugin "bad": a home action has an empty label',
      'plugin "bad": home action "Relative" path must start with "/"',
      'plugin "bad": home action "Secret" needs undeclared permission "bad.secret.read"',
    ]);
  });

  it('refuses a palette module outside the bundle or with an undeclared permission', () => {
    const bad = plugin('bad', [], {
      permissions: [{ id: 'bad.thing.read', description: '', roles: ['admin'] }],
      ui: {
        palette: [
          { module: 'palette.js', permission: 'bad.thing.read' },
          { module: './palette.js' },
          { module: '../other/palette.js' },
          { module: 'https://cdn.example/palette.js' },
          { module: 'palette.js', permission: 'bad.secret.read' },
        ],
      },
    });
    expect(startupProblems(() => checkPluginDefinitions([bad], []))).to.deep.equal([
      'plugin "bad": palette module "../other/palette.js" must be a file of the plugin\'s bundle, like palette.js',
      'plugin "bad": palette module "https://cdn.example/palette.js" must be a file of the plugin\'s bundle, like palette.js',
      'plugin "bad": palette module "palette.js" needs undeclared permission "bad.secret.read"',
    ]);
  });

  it('takes Settings tabs with a free id, a label, an element of the plugin, a declared permission and app-path redirects', () => {
    const good = plugin('shop', [], {
      permissions: [{ id: 'shop.setting.manage', description: '', roles: ['admin'] }],
      ui: {
        nav: [{ label: 'Shop', icon: 'cart', path: '/shop' }],
        settings: [
          {
            id: 'shop-front',
            label: 'Shop front',
            permission: 'shop.setting.manage',
            order: 5,
            element: 'shop-front-settings',
            redirects: ['/shop-front'],
          },
          { id: 'widgets', label: 'Widgets', element: 'shop-widget', permission: 'settings.manage' },
        ],
      },
    });
    const other = plugin('forum', [], {
      ui: { settings: [{ id: 'widgets', label: 'Widgets', element: 'forum-widget' }] },
    });
    const core = [{ id: 'settings.manage', description: '', roles: ['admin' as const] }];
    expect(() => checkPluginDefinitions([good, other], core)).to.not.throw();
  });

  it('refuses a bad Settings tab: id, core tab, twice, empty label, shared id with another label, element, permission, order, redirects', () => {
    const bad = plugin('bad', [], {
      ui: {
        nav: [{ label: 'Bad', icon: 'x', path: '/bad' }],
        settings: [
          { id: 'Bad Tab', label: 'Bad', element: 'bad-tab' },
          { id: 'team', label: 'Team', element: 'bad-team' },
          { id: 'twice', label: 'Twice', element: 'bad-twice' },
          { id: 'twice', label: 'Twice', element: 'bad-twice-again' },
          { id: 'empty', label: ' ', element: 'bad-empty' },
          { id: 'widgets', label: 'Gadgets', element: 'bad-widgets' },
          { id: 'foreign', label: 'Foreign', element: 'good-thing' },
          { id: 'nameless', label: 'Nameless', element: 'bad' },
          { id: 'secret', label: 'Secret', element: 'bad-secret', permission: 'bad.secret.read' },
          { id: 'ordered', label: 'Ordered', element: 'bad-ordered', order: Number.NaN },
          {
            id: 'moved',
            label: 'Moved',
            element: 'bad-moved',
            redirects: ['relative', '/settings/x', '/bad', '/old-good', '/old ok'],
          },
        ],
      },
    });
    const good = plugin('good', [], {
      ui: { settings: [{ id: 'widgets', label: 'Widgets', element: 'good-widgets', redirects: ['/old-good'] }] },
    });
    expect(startupProblems(() => checkPluginDefinitions([good, bad], []))).to.deep.equal([
      'plugin "bad": settings tab "Bad Tab": the id must match /^(?=.{1,32}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/',
      'plugin "bad": settings tab "team": the id is one of the core\'s tabs (account, notifications, team, roles, api-keys, audit, tenants, billing)',
      'plugin "bad": settings tab "twice": declared twice',
      'plugin "bad": settings tab "empty": the label is empty',
      'plugin "bad": settings tab "widgets": plugin "good" names this tab "Widgets"; a shared tab takes one label, not "Gadgets"',
      'plugin "bad": settings tab "foreign": element "good-thing" must be a custom element named bad-<name>',
      'plugin "bad": settings tab "nameless": element "bad" must be a custom element named bad-<name>',
      'plugin "bad": settings tab "secret": needs undeclared permission "bad.secret.read"',
      'plugin "bad": settings tab "ordered": order must be a number',
      'plugin "bad": settings tab "moved": redirect "relative" must be an app path such as /invite-page, outside /settings',
      'plugin "bad": settings tab "moved": redirect "/settings/x" must be an app path such as /invite-page, outside /settings',
      'plugin "bad": settings tab "moved": redirect "/bad" is a menu entry\'s path; drop the entry or the redirect',
      'plugin "bad": settings tab "moved": redirect "/old-good" already leads to tab "widgets"',
      'plugin "bad": settings tab "moved": redirect "/old ok" must be an app path such as /invite-page, outside /settings',
    ]);
  });

  it('takes two-part permission ids only from the list of earlier ones, and roles only among the built-in ones', () => {
    const devices = plugin('devices', [], {
      permissions: [
        { id: 'device.view', description: '', roles: ['admin', 'member', 'viewer'] },
        { id: 'devices.fleet.view', description: '', roles: [] },
        { id: 'fleet.view', description: '', roles: ['admin'] },
        { id: 'devices.thing.use', description: '', roles: ['owner' as 'admin'] },
        { id: 'devices.other.use', description: '' } as never,
        { id: 'team.manage', description: '', roles: ['admin'] },
      ],
    });
    const core = [{ id: 'team.manage', description: '', roles: ['admin' as const] }];
    expect(startupProblems(() => checkPluginDefinitions([devices], core))).to.deep.equal([
      'plugin "devices": permission "fleet.view" must be named devices.<resource>.<action>',
      'plugin "devices": permission "devices.thing.use" must list the built-in roles that hold it: roles: [] or some of admin, member, viewer',
      'plugin "devices": permission "devices.other.use" must list the built-in roles that hold it: roles: [] or some of admin, member, viewer',
      'plugin "devices": permission "team.manage" must be named devices.<resource>.<action>',
    ]);
  });
});
