import type { TSchema } from '@sinclair/typebox';
import type { MountedRoute } from './router.js';

/** OpenAPI 3.1 for every mounted route, from the same schemas that validate requests. */
export function buildOpenApi(
  routes: MountedRoute[],
  info: { title: string; version: string; baseUrl: string },
): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { owner, fullPath, route } of routes) {
    const path = fullPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const schema = route.schema ?? {};
    const parameters = [...parametersOf(schema.params, 'path'), ...parametersOf(schema.query, 'query')];
    const success = String(route.status ?? 200);
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: `${owner}.${route.method}${fullPath.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      tags: [owner],
      ...(parameters.length ? { parameters } : {}),
      ...(schema.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: plain(schema.body) } } } }
        : {}),
      responses: {
        [success]: schema.response
          ? { description: 'Success', content: { 'application/json': { schema: plain(schema.response) } } }
          : { description: 'Success' },
        default: {
          description: 'Problem',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      security: route.public ? [] : route.signedIn ? [{ session: [] }] : [{ session: [] }, { apiKey: [] }],
      ...(route.permission ? { 'x-permission': route.permission } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    servers: [{ url: info.baseUrl }],
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'outpost_session',
          description: 'Named __Host-outpost_session when the base URL is https',
        },
        apiKey: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

function parametersOf(schema: TSchema | undefined, where: 'path' | 'query'): object[] {
  const object = schema as { properties?: Record<string, TSchema>; required?: string[] } | undefined;
  return Object.entries(object?.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object?.required ?? []).includes(name),
    schema: plain(property),
  }));
}

/** TypeBox schemas carry symbol keys; JSON round-tripping leaves plain JSON Schema. */
function plain(schema: TSchema): object {
  return JSON.parse(JSON.stringify(schema)) as object;
}
