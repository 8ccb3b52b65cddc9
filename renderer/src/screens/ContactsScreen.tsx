import { t } from '../i18n';
import { PlaceholderScreen } from './PlaceholderScreen';

export function ContactsScreen(): React.JSX.Element {
  return <PlaceholderScreen title={t('nav.contacts')} />;
}
