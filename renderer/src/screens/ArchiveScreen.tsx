import { t } from '../i18n';
import { PlaceholderScreen } from './PlaceholderScreen';

export function ArchiveScreen(): React.JSX.Element {
  return <PlaceholderScreen title={t('nav.archive')} />;
}
