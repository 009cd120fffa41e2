// The decided stack with no Outpost feature: koa, @koa/router and ajv validating the
// same JSON body as Outpost's echo route. What is left between this and Outpost
// is what Outpost's features cost (request id, headers, access log, metrics,
// authentication hook, problem mapping, request scope).
import Router from '@koa/router';
import { Ajv } from 'ajv';
import Koa from 'koa';

const validate = new Ajv().compile({
  type: 'object',
  properties: { message: { type: 'string', maxLength: 100 }, count: { type: 'integer', minimum: 0, maximum: 1000 } },
  required: ['message', 'count'],
  additionalProperties: false,
});
const app = new Koa();
const router = new Router();
router.get('/', (ctx) => {
  ctx.body = { ready: true };
});
router.post('/api/v1/notes/echo', async (ctx) => {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (!validate(body)) ctx.throw(400, 'invalid body');
  ctx.body = { message: body.message, count: body.count };
});
app.use(router.routes());
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
