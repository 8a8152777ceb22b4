# test/t/001_lineage_limits.pl — the lineage layer under hostile or huge
# input, where pg_regress cannot look: binary receive, cancel and terminate
# from another session, statement_timeout inside a single long call, and
# the backend's memory.
#
#   * binary receive: an id that is not valid UTF-8 is 22021; a header
#     claiming 50,000,000 nodes or edges, an empty id, a control character
#     are 22P03 (never XX000); multibyte ids round-trip through binary COPY;
#   * lineage_build over a 100,000-deep chain (its output is quadratic,
#     billions of entries: it never finishes on its own): statement_timeout,
#     pg_cancel_backend and pg_terminate_backend all stop it, and the server
#     stays up;
#   * a big but legal text input (a 2,000,000-deep chain) is stopped by a
#     100 ms statement_timeout inside the input function: a sequence bumped
#     only after the cast returns is never bumped;
#   * memory: text input and ANALYZE stay within a bound proportional to
#     their input (the backend's VmHWM from /proc, before and after).
#
# No timing is asserted: a call that ignores interrupts makes a check fail by
# running into the framework's timeout, not by a measured duration.  The
# sessions that are cancelled or terminated are waited on through
# pg_stat_activity, never by sleeping.
use strict;
use warnings FATAL => 'all';

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = PostgreSQL::Test::Cluster->new('lineage_limits');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'pg_cron'");
$node->start;

my $db = 'postgres';
my $work = PostgreSQL::Test::Utils::tempdir;

$node->safe_psql($db, q{
CREATE EXTENSION ecostats;
-- a chain 100,000 deep whose root has the smallest id: lineage_build would
-- write 5 * 10^9 ancestor entries
CREATE TABLE chain AS
SELECT 'c' || lpad(i::text, 6, '0') AS child, 'c' || lpad((i - 1)::text, 6, '0') AS parent, 'finetune' AS relation
FROM generate_series(1, 100000) i;
CREATE SEQUENCE probe;
CREATE FUNCTION mem(what text) RETURNS bigint LANGUAGE sql AS
$$ SELECT substring(pg_read_file('/proc/' || pg_backend_pid() || '/status') from what || ':\s*(\d+)')::bigint $$;
CREATE TABLE one_l (l lineage);
});

sub alive
{
	my ($when) = @_;
	is($node->safe_psql($db, 'SELECT 1'), '1', "server up $when");
}

# --- binary receive -------------------------------------------------------
# A one-column binary COPY file: 19 header bytes, int16 field count, int32
# length, then the value at 25: version 25, flags 26, nnodes 27-30, nedges
# 31-34, then the first id's length 35-38 and bytes from 39.
$node->safe_psql($db, "COPY (SELECT 'ab'::lineage) TO '$work/ab.bin' WITH (FORMAT binary)");
my $ab = slurp_file("$work/ab.bin");
is(length($ab), 43, 'the binary COPY file of one lineage value has 43 bytes');

my $nfile = 0;
# patched(OFFSET, BYTES): ab.bin with BYTES written at OFFSET, as a new file
sub patched
{
	my ($off, $bytes) = @_;
	my $data = $ab;
	substr($data, $off, length($bytes)) = $bytes;
	return write_file($data);
}

sub write_file
{
	my ($data) = @_;
	my $path = "$work/bad" . ++$nfile . '.bin';
	open(my $fh, '>:raw', $path) or die "$path: $!";
	print $fh $data;
	close($fh);
	return $path;
}

# expect_reject(FILE, SQLSTATE, WHAT)
sub expect_reject
{
	my ($file, $state, $what) = @_;
	my ($ret, $out, $err) = $node->psql($db,
		"\\set VERBOSITY verbose\nCOPY one_l FROM '$file' WITH (FORMAT binary)");
	isnt($ret, 0, "$what: rejected");
	like($err, qr/ERROR:  $state/, "$what: SQLSTATE $state");
}

expect_reject(patched(39, "\xff\xfe"), '22021', 'an id that is not valid UTF-8');
expect_reject(patched(39, "\xc3"), '22021', 'an id cut inside a UTF-8 character');
expect_reject(patched(40, "\x0a"), '22P03', 'an id with a control character');
expect_reject(patched(27, pack('N', 50_000_000)), '22P03', 'a header claiming 50,000,000 nodes');
expect_reject(patched(31, pack('N', 50_000_000)), '22P03', 'a header claiming 50,000,000 edges');
expect_reject(patched(27, pack('N', 2**31 - 1)), '22P03', 'a header claiming 2^31-1 nodes');
# ... also when the message is that long: 50,000,000 nodes in a 50 MB value
# used to be allocated (1.2 GB: XX000) before the ids were read
expect_reject(
	write_file(substr($ab, 0, 19) . pack('n', 1) . pack('N', 50_000_010)
		  . pack('CC', 1, 0) . pack('N', 50_000_000) . pack('N', 0) . ("\0" x 50_000_000)
		  . "\xff\xff"),
	'22P03', 'a 50 MB value claiming 50,000,000 nodes');
# an empty id after a longer one (so the counts fit the length): version 1,
# flags 0, 2 nodes, 0 edges, "ab", ""; a 20-byte field
expect_reject(
	write_file(substr($ab, 0, 21) . pack('N', 20) . pack('CC', 1, 0) . pack('N', 2)
		  . pack('N', 0) . pack('N', 2) . 'ab' . pack('N', 0) . "\xff\xff"),
	'22P03', 'an empty id');
is($node->safe_psql($db, 'SELECT count(*) FROM one_l'), '0', 'no rejected value was loaded');
alive('after the rejected binary values');

# multibyte ids round-trip, in binary and in text
$node->safe_psql($db, qq{
CREATE TABLE mb (id int, l lineage);
CREATE TABLE mb2 (LIKE mb);
CREATE TABLE mb3 (LIKE mb);
INSERT INTO mb VALUES (1, '"ü/modèle" => finetune:"日本 語/基盤"'), (2, '"ß x" => merge:"é", merge:"ø\\"q"');
COPY mb TO '$work/mb.bin' WITH (FORMAT binary);
COPY mb2 FROM '$work/mb.bin' WITH (FORMAT binary);
COPY mb TO '$work/mb.txt';
COPY mb3 FROM '$work/mb.txt';
});
is($node->safe_psql($db, q{
SELECT count(*) FROM mb JOIN mb2 USING (id) JOIN mb3 USING (id)
WHERE lineage_identical(mb.l, mb2.l) AND lineage_identical(mb.l, mb3.l)}),
	'2', 'multibyte ids round-trip through binary and text COPY');

# --- statement_timeout, cancel and terminate of an endless lineage_build ---
my ($ret, $out, $err) = $node->psql($db,
	"\\set VERBOSITY verbose\nSET statement_timeout = '2s';\nSELECT count(*) FROM lineage_build('chain');");
like($err, qr/ERROR:  57014/, 'statement_timeout stops lineage_build on a 100,000-deep chain (57014)');
alive('after the statement_timeout of lineage_build');
($ret, $out, $err) = $node->psql($db,
	"SET statement_timeout = '2s';\nSELECT count(*) FROM lineage_build_problems('chain');\nSELECT 'done';");
like($out, qr/^done$/m, 'lineage_build_problems on the chain returns');

# in_flight(NAME, SQL): SQL running in a session of its own under
# application_name NAME, once the server shows it running for a second (so
# that it is inside lineage_build's loop, not still starting); returns the
# IPC::Run harness and references to its output and errors
sub in_flight
{
	my ($name, $sql) = @_;
	my ($stdout, $stderr) = ('', '');
	my $h = IPC::Run::start(
		[
			$node->installed_command('psql'), '-X', '-qAt', '-v', 'VERBOSITY=verbose',
			'-d', $node->connstr($db) . " application_name=$name", '-c', $sql
		],
		'<', \undef, '>', \$stdout, '2>', \$stderr,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	$node->poll_query_until($db, qq{
SELECT EXISTS (SELECT FROM pg_stat_activity
               WHERE application_name = '$name' AND state = 'active'
                 AND clock_timestamp() - query_start > interval '1 s')})
	  or die "$name: the statement did not start";
	return ($h, \$stdout, \$stderr);
}

my ($h, $o, $e) = in_flight('lin_cancel', "SELECT count(*) FROM lineage_build('chain')");
is($node->safe_psql($db, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'lin_cancel'"),
	't', 'a backend to cancel');
$h->finish;
like($$e, qr/ERROR:  57014/, 'pg_cancel_backend stops lineage_build (57014)');
alive('after pg_cancel_backend');

($h, $o, $e) = in_flight('lin_term', "SELECT count(*) FROM lineage_build('chain')");
is($node->safe_psql($db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lin_term'"),
	't', 'a backend to terminate');
$h->finish;
like($$e, qr/57P01/, 'pg_terminate_backend ends the session running lineage_build (57P01)');
alive('after pg_terminate_backend');

# --- a big but legal text input, stopped inside the input function --------
$node->safe_psql($db, q{
CREATE TABLE bigtext AS
SELECT ('n0 => ' || string_agg('finetune:n' || i || CASE WHEN i < 2000000 THEN '; n' || i || ' => ' ELSE '' END, '' ORDER BY i)) AS t
FROM generate_series(1, 2000000) i});
is($node->safe_psql($db, 'SELECT lineage_depth(t::lineage) FROM bigtext'), '2000000',
	'a 2,000,000-deep chain is legal input');
my $before = $node->safe_psql($db, 'SELECT last_value FROM probe');
($ret, $out, $err) = $node->psql($db,
	"\\set VERBOSITY verbose\nSET statement_timeout = '100ms';\nSELECT t::lineage IS NOT NULL AND nextval('probe') > 0 FROM bigtext;");
like($err, qr/ERROR:  57014/, 'statement_timeout stops lineage_in inside a 2,000,000-deep input (57014)');
is($node->safe_psql($db, 'SELECT last_value FROM probe'), $before,
	'the input function did not run to its end before the timeout was acted on');

# --- memory -----------------------------------------------------------------
# peak_kb(SETUP_SQL, MEASURED_SQL): the increase of the backend's peak
# private memory (VmHWM less the growth of its shared memory) over
# MEASURED_SQL, in one session (MEASURED_SQL may fail: rejected input)
sub peak_kb
{
	my ($setup, $measured) = @_;
	my ($r, $stdout, $stderr) = $node->psql($db, qq{
$setup
SELECT mem('VmHWM') AS hwm0, mem('RssShmem') AS shm0 \\gset
$measured
SELECT (mem('VmHWM') - :hwm0) - (mem('RssShmem') - :shm0);
}, on_error_stop => 0);
	my @lines = split /\n/, $stdout;
	return $lines[-1];
}

# text input: 20 MB of "merge:a," (2,500,000 ids; rejected, the parent repeats)
$node->safe_psql($db, q{CREATE TABLE merges AS SELECT 'n => ' || repeat('merge:a,', 2500000) || 'merge:a' AS t});
my $in_kb = int($node->safe_psql($db, 'SELECT octet_length(t) FROM merges') / 1024);
my $kb = peak_kb('SELECT octet_length(t) FROM merges;', 'SELECT t::lineage FROM merges;');
cmp_ok($kb, '<', 10 * $in_kb, "text input of $in_kb kB (2,500,000 ids): peak +$kb kB, under 10x the input");
$in_kb = int($node->safe_psql($db, 'SELECT octet_length(t) FROM bigtext') / 1024);
$kb = peak_kb('SELECT octet_length(t) FROM bigtext;', 'SELECT lineage_depth(t::lineage) FROM bigtext;');
cmp_ok($kb, '<', 10 * $in_kb, "text input of $in_kb kB (a 2,000,000-deep chain): peak +$kb kB, under 10x the input");

# ANALYZE: 2,000 toasted values of about 50 kB; each sample is detoasted,
# counted and freed, so the peak is about one value plus the ancestor counts
# (keeping every detoasted sample would take 100 MB).  The values are read
# once before, so that the shared buffers holding them do not count.
$node->safe_psql($db, q{
CREATE TABLE an (id int, l lineage);
INSERT INTO an
SELECT g, l FROM (SELECT ('org/model-0 => ' || string_agg('finetune:org/some-long-model-name-' || lpad(i::text, 6, '0')
                          || CASE WHEN i < 3000 THEN '; org/some-long-model-name-' || lpad(i::text, 6, '0') || ' => ' ELSE '' END, '' ORDER BY i))::lineage AS l
                  FROM generate_series(1, 3000) i) v, generate_series(1, 2000) g});
my $val_kb = int($node->safe_psql($db, 'SELECT max(pg_column_size(l)) FROM an') / 1024);
$kb = peak_kb('SELECT sum(octet_length(l::text)) FROM an;', 'ANALYZE an;');
cmp_ok($kb, '<', 65536 + 10 * $val_kb, "ANALYZE (values of $val_kb kB): peak +$kb kB");
is($node->safe_psql($db,
	"SELECT count(*) FROM pg_stats WHERE tablename = 'an' AND attname = 'l' AND most_common_elems IS NOT NULL"),
	'1', 'ANALYZE collected statistics');

alive('at the end');
$node->stop;
done_testing();
