import type { OfficeCallName } from '../../contract';
import type { AreaHandlers, CoreContext } from '../area';

export function officeHandlers(_ctx: CoreContext): AreaHandlers<OfficeCallName> {
  return {};
}
