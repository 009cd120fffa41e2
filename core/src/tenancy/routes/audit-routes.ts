import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { AuditQuery } from '../../audit/audit-query.js';
import { Strict, auditQuery, tenantOf } from './schemas.js';

/** `/audit`: the tenant's audit log, as pages and as CSV. */
export function auditRoutes(audit: AuditQuery): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      summary: 'The current tenant’s audit log, newest first, with filters',
      permission: 'reports.view',
      schema: {
        query: Type.Object(
          {
            ...auditQuery,
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          Strict,
        ),
        response: Type.Object({
          items: Type.Array(Type.Object({}, { additionalProperties: true })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
      },
      handler: ({ scope, query }) => audit.list(tenantOf(scope), query, query.limit, query.cursor),
    }),
    defineRoute({
      method: 'get',
      path: '/audit/export.csv',
      summary: 'The filtered audit log as CSV',
      permission: 'reports.view',
      schema: { query: Type.Object(auditQuery, Strict) },
      handler: async ({ scope, query, ctx }) => {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('Content-Disposition', 'attachment; filename="audit.csv"');
        return audit.csv(tenantOf(scope), query);
      },
    }),
  ];
}
