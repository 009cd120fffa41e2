import { createServiceRef } from '@outpost/core';
import type { RemoteFiles } from './service.js';

export const remoteFilesRef = createServiceRef<RemoteFiles>('remote.files');
