import { ConversationList } from './components/ConversationList';
import { StatusBar } from './components/StatusBar';
import { Thread } from './components/Thread';
import { useCall, useEvent } from './hooks';

export function App(): React.JSX.Element {
  const info = useCall('app.info', null);
  const conversations = useCall('conversations.list', { limit: 100 });
  const status = useEvent('station.status');
  return (
    <div className="app">
      <ConversationList page={conversations} />
      <Thread />
      <StatusBar info={info} status={status} />
    </div>
  );
}
