import { runHost } from './runHost';

runHost(process.argv.slice(2)).then(
  (host) => {
    console.log(`URL ${host.url}`);
    const stop = () => void host.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e: unknown) => {
    console.error(`瀏覽器主機無法啟動：${(e as Error).message}`);
    process.exit(2);
  },
);
