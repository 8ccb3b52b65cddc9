/** Calls and events of the mailbox account screen: login by code, this station's link, devices, notification rules. */
import type { TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { AccountCallName, AccountEventName } from './names';

export const accountCalls = {} as const satisfies { [K in AccountCallName]: CallSpec };

export const accountEvents = {} as const satisfies { [K in AccountEventName]: TSchema };
