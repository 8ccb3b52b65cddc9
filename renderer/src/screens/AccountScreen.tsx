import { t } from '../i18n';
import { PlaceholderScreen } from './PlaceholderScreen';

export function AccountScreen(): React.JSX.Element {
  return <PlaceholderScreen title={t('nav.account')} />;
}
