// The packed package loaded with require() (CommonJS), as test/package/run.sh installs it.
const rtnl = require('rtnl');
const missing = ['open', 'netns', 'links', 'addresses', 'routes', 'neighbours', 'attach', 'detach', 'NetlinkError', 'Rtnl']
  .filter((k) => rtnl[k] === undefined);
if (missing.length) {
  console.log(`not ok - require('rtnl') lacks ${missing.join(', ')}`);
  process.exit(1);
}
rtnl.netns.list().then((names) => {
  console.log(`ok - require('rtnl') works (${Object.keys(rtnl).length} exports; netns.list() gave ${names.length} names)`);
});
