/** The account area's calls: each hands over to the core's AccountService (main/core/account-service.ts). */
import type { AccountCallName } from '../../contract';
import type { AccountService } from '../account-service';
import type { AreaHandlers, CoreContext } from '../area';

export function accountHandlers(_ctx: CoreContext, account: AccountService): AreaHandlers<AccountCallName> {
  return {
    'account.status': () => account.freshStatus(),
    'account.setServer': ({ url }) => account.setServer(url),
    'account.requestCode': async ({ number }) => ({ outcome: await account.requestCode(number) }),
    'account.login': async ({ number, code, deviceName }) => {
      const outcome = await account.login(number, code, deviceName);
      return { outcome, status: account.status() };
    },
    'account.logout': () => account.logout(),
    'account.devices': () => account.devices(),
    'account.revokeDevice': ({ id }) => account.revokeDevice(id),
    'account.linkStation': ({ name }) => account.linkStation(name),
    'account.unlinkStation': () => account.unlinkStation(),
    'account.rules': () => account.rules(),
    'account.addRule': (rule) => account.addRule(rule),
    'account.removeRule': ({ index }) => account.removeRule(index),
  };
}
