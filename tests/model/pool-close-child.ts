// Closes a feature pool whose only job's reply is already on its way (the main thread was busy
// while the worker finished), then says whether close() returned before the process ended.
import {FeaturePool} from '../../source/model/worker-pool.js';

const file = process.argv[2] ?? '';
const pool = new FeaturePool(1);
void pool.run(file);
// Busy, as a UI thread mid-frame: the worker finishes and posts its reply meanwhile.
const until = Date.now() + 2000;
while (Date.now() < until) {
	// Spin: no event is handled until close() has run.
}

await pool.close();
process.stdout.write('closed\n');
