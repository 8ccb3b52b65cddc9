/** Calls and events of the Contacts screen: contacts, groups, vCard and CSV import. */
import type { TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { ContactsCallName, ContactsEventName } from './names';

export const contactsCalls = {} as const satisfies { [K in ContactsCallName]: CallSpec };

export const contactsEvents = {} as const satisfies { [K in ContactsEventName]: TSchema };
