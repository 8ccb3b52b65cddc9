/** Calls and events of the Archive screen: import and export with progress, the traffic dashboard. */
import type { TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { ArchiveCallName, ArchiveEventName } from './names';

export const archiveCalls = {} as const satisfies { [K in ArchiveCallName]: CallSpec };

export const archiveEvents = {} as const satisfies { [K in ArchiveEventName]: TSchema };
