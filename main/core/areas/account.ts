import type { AccountCallName } from '../../contract';
import type { AreaHandlers, CoreContext } from '../area';

export function accountHandlers(_ctx: CoreContext): AreaHandlers<AccountCallName> {
  return {};
}
