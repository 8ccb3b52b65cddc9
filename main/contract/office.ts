/** Calls and events of the Office screen: bulk sends, auto-reply rules and the outbox. */
import type { TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { OfficeCallName, OfficeEventName } from './names';

export const officeCalls = {} as const satisfies { [K in OfficeCallName]: CallSpec };

export const officeEvents = {} as const satisfies { [K in OfficeEventName]: TSchema };
