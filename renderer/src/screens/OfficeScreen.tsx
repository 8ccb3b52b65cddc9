import { t } from '../i18n';
import { PlaceholderScreen } from './PlaceholderScreen';

export function OfficeScreen(): React.JSX.Element {
  return <PlaceholderScreen title={t('nav.office')} />;
}
