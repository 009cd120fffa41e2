import { createServiceRef } from '@outpost/core';
import type { ItemService } from './service.js';

export const itemServiceRef = createServiceRef<ItemService>('__id__.items');
