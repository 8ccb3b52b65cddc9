import type { ContactsCallName } from '../../contract';
import type { AreaHandlers, CoreContext } from '../area';

export function contactsHandlers(_ctx: CoreContext): AreaHandlers<ContactsCallName> {
  return {};
}
