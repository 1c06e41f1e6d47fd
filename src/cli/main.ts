// The otklik command: serve, migrate, demo.
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openContext, startServer } from '../server/start.ts';

const program = new Command().name('otklik').description('Otklik customer-service hub');

program
  .command('serve', { isDefault: true })
  .description('start the HTTP server')
  .action(async () => {
    await startServer(loadConfig());
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const ctx = await openContext(loadConfig());
    await ctx.db.close();
    console.log('Migrations applied.');
  });

program
  .command('demo')
  .description('fill the database with a retail chain’s demo data (deterministic for a seed)')
  .option('--seed <n>', 'random seed', '42')
  .option('--stores <n>', 'number of stores', '20')
  .option('--customers <n>', 'number of customers', '3000')
  .option('--appeals <n>', 'number of appeals', '20000')
  .option('--years <n>', 'years of history', '3')
  .option('--no-messages', 'skip message threads (faster, for benchmark data)')
  .option('--append', 'add appeals and customers to a database that already has data')
  .action(
    async (options: {
      seed: string;
      stores: string;
      customers: string;
      appeals: string;
      years: string;
      messages: boolean;
      append?: boolean;
    }) => {
      const { loadDemo } = await import('../modules/demo/demo.service.ts');
      const ctx = await openContext(loadConfig());
      const { ensureFirstAdmin } = await import('../modules/users/users.service.ts');
      const admin = await ensureFirstAdmin(ctx);
      if (admin?.password) {
        console.log(`Administrator ${admin.email}, password ${admin.password} (shown once).`);
      }
      const result = await loadDemo(ctx.db, {
        seed: Number(options.seed),
        stores: Number(options.stores),
        customers: Number(options.customers),
        appeals: Number(options.appeals),
        years: Number(options.years),
        withMessages: options.messages,
        append: Boolean(options.append),
        onProgress: (done, total) => process.stdout.write(`\r${done}/${total} appeals`),
      });
      await ctx.db.close();
      console.log(
        `\nDemo data loaded: ${JSON.stringify(result)}. Demo users log in with the password "demo-password".`,
      );
    },
  );

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
