import { type Static, Type } from '@sinclair/typebox';
import type { EventDefinition } from '@outpost/core';

/** The payload of `__id__.item.created`; other plugins import this type from @outpost/plugin-__id__. */
export const ItemCreated = Type.Object(
  { id: Type.String({ format: 'uuid' }), title: Type.String() },
  { additionalProperties: false },
);
export type ItemCreated = Static<typeof ItemCreated>;

export const itemCreatedTopic = '__id__.item.created';

export const events: Record<string, EventDefinition> = {
  [itemCreatedTopic]: {
    schema: ItemCreated,
    permission: '__id__.item.view',
    description: 'An item was added',
  },
};
