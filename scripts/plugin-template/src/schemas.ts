import { type Static, Type } from '@sinclair/typebox';

export const Item = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  createdAt: Type.String(),
  processedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Item = Static<typeof Item>;

export const NewItem = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type NewItem = Static<typeof NewItem>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
