# hub/test/t/001_dump_restore.pl — stored states survive pg_dump and
# pg_restore onto another server: a custom-format dump (which moves them as
# text) and a plain SQL dump of a database on one node are restored on a
# second, fresh node.  Every distribution, topk_state and lineage column
# reads back with the same text, a GIN index on lineage is rebuilt and used,
# a view over the aggregates restores and gives the same figures, the
# user's own hub.authors rows come along (the shipped seed is not dumped but
# recreated), and the extensions' objects are recreated by CREATE EXTENSION,
# not dumped one by one.
use strict;
use warnings FATAL => 'all';

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my @nodes;
for my $name ('dump_source', 'dump_target')
{
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	$node->append_conf('postgresql.conf', "shared_preload_libraries = 'pg_cron'");
	$node->start;
	push @nodes, $node;
}
my ($source, $target) = @nodes;
my $work = PostgreSQL::Test::Utils::tempdir;

$source->safe_psql('postgres', 'CREATE DATABASE src');
$source->safe_psql('src', q{
CREATE EXTENSION ecostats_hub CASCADE;
SELECT setseed(0.61);
CREATE TABLE models AS
SELECT i AS id, i % 12 AS org, floor(exp(random() * 12))::bigint AS downloads, exp(random() * 25) AS params
FROM generate_series(1, 50000) i;
-- a two-step rollup: one distribution per organisation, weighted and not
CREATE TABLE org_rollup AS
SELECT org, distribution_agg(downloads) AS d, distribution_agg(params, downloads) AS dw
FROM models GROUP BY org;
-- a one-step state with a parameter, and a topk_state
CREATE TABLE odd_states (d distribution, t topk_state);
INSERT INTO odd_states VALUES ('count=3 params={0.1,NaN} {-1:0.5,2}', 'k=2 count=3 sum=6 sum_lo=1e-17 {3,2}');
-- lineage: a built column with its GIN index
CREATE TABLE edges (child text, parent text, relation text);
INSERT INTO edges SELECT 'm' || i, 'm' || (i / 4), (ARRAY['finetune', 'adapter', 'quantized', NULL])[1 + i % 4]
FROM generate_series(2, 3000) i;
INSERT INTO edges VALUES ('m77', 'm5', 'merge'), ('m77', 'odd "id"', 'merge');
CREATE TABLE lineages AS SELECT * FROM lineage_build('edges');
-- user rows of the hub.authors config table (the seed is not dumped)
INSERT INTO hub.authors (author, kind, country, source) VALUES ('my-lab', 'academic', 'SE', 'our notes'),
                                                               ('google', 'industry', 'IE', 'an override');
CREATE INDEX lineages_gin ON lineages USING gin (lineage);
CREATE VIEW concentration AS
SELECT gini(downloads), top_k_share(downloads, 100) AS top100, weighted_median(params, downloads) AS median_size
FROM models;
});

my %probe = (
	'rollup states' => q{SELECT string_agg(org || ':' || d::text || '/' || dw::text, ';' ORDER BY org) FROM org_rollup},
	'odd states' => q{SELECT d::text || t::text FROM odd_states},
	'the view' => q{SELECT * FROM concentration},
	'lineage values' => q{SELECT md5(string_agg(node || lineage::text, ';' ORDER BY node)) FROM lineages},
	'rows under m5 (a scan)' => q{SET enable_indexscan = off; SET enable_bitmapscan = off;
	                              SELECT count(*) FROM lineages WHERE lineage <@ 'm5'});
my %before = map { $_ => $source->safe_psql('src', $probe{$_}) } keys %probe;

# the extensions are objects of the dump, not their functions and types
$source->command_ok([ 'pg_dump', '-Fc', '-f', "$work/dump.c", '-d', $source->connstr('src') ],
	'pg_dump -Fc');
$source->command_ok([ 'pg_dump', '-Fp', '-f', "$work/dump.sql", '-d', $source->connstr('src') ],
	'pg_dump -Fp');
my ($list, $list_err) = ('', '');
IPC::Run::run([ 'pg_restore', '-l', "$work/dump.c" ], '>', \$list, '2>', \$list_err)
  or die "pg_restore -l: $list_err";
like($list, qr/EXTENSION - ecostats_hub/, 'CREATE EXTENSION ecostats_hub is in the dump');
like($list, qr/EXTENSION - ecostats\b/, 'CREATE EXTENSION ecostats is in the dump');
unlike($list, qr/\bFUNCTION \S+ gini|\bTYPE \S+ distribution|\bTABLE hub models/,
	'extension members are not dumped one by one (only the data of the hub tables is)');

for my $fmt ('c', 'p')
{
	my $db = "restored_$fmt";
	$target->safe_psql('postgres', "CREATE DATABASE $db");
	if ($fmt eq 'c')
	{
		$target->command_ok(
			[ 'pg_restore', '--exit-on-error', '-d', $target->connstr($db), "$work/dump.c" ],
			'pg_restore of the custom-format dump on another server');
	}
	else
	{
		$target->command_ok(
			[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $target->connstr($db), '-f', "$work/dump.sql" ],
			'psql -f of the plain dump on another server');
	}
	for my $what (sort keys %probe)
	{
		is($target->safe_psql($db, $probe{$what}), $before{$what}, "format $fmt: $what as before");
	}
	like($target->safe_psql($db, q{SET enable_seqscan = off;
		EXPLAIN (COSTS OFF) SELECT count(*) FROM lineages WHERE lineage <@ 'm5'}),
		qr/lineages_gin/, "format $fmt: the restored GIN index is used");
	is($target->safe_psql($db, q{SELECT count(*) FROM lineages WHERE lineage <@ 'm5'}),
		$before{'rows under m5 (a scan)'}, "format $fmt: the restored index gives the rows of a scan of the source");
	is($target->safe_psql($db, q{
SELECT count(*) FILTER (WHERE origin = 'seed') || '/'
       || string_agg(author || ':' || country, ',' ORDER BY author) FILTER (WHERE origin = 'user') || '/'
       || hub.author_country('google')
FROM hub.authors}),
		'259/google:IE,my-lab:SE/IE', "format $fmt: the seed is recreated and the user's hub.authors rows win");
	# and the restored states still merge into the one-step figures
	is($target->safe_psql($db, q{
SELECT gini(distribution_merge(d)) = (SELECT gini(downloads) FROM models)
       AND weighted_median(distribution_merge(dw)) = (SELECT weighted_median(params, downloads) FROM models)
FROM org_rollup}),
		't', "format $fmt: merged restored states agree with the one-step aggregates");
}

$_->stop for @nodes;
done_testing();
