import type { ArchiveCallName } from '../../contract';
import type { AreaHandlers, CoreContext } from '../area';

export function archiveHandlers(_ctx: CoreContext): AreaHandlers<ArchiveCallName> {
  return {};
}
