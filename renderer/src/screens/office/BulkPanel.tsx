/** The bulk-send tab: the form with its preview, and the list of bulk sends with their progress. */
import { BulkForm } from './BulkForm';
import { BulkJobs } from './BulkJobs';
import { useBulkJobs } from './hooks';

export function BulkPanel(): React.JSX.Element {
  const jobs = useBulkJobs();
  return (
    <div className="office-bulk">
      <BulkForm onStarted={jobs.put} />
      <BulkJobs jobs={jobs} />
    </div>
  );
}
