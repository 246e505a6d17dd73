#!/usr/bin/perl
# DMARC verdicts by Debian's libmail-dmarc-perl (Mail::DMARC::PurePerl->validate), for the verdict differential test.
# Usage: mail-dmarc-validate.pl <config.ini> <port> < cases
# Each input line: "id<TAB>header-from<TAB>mail-from or empty<TAB>spf result<TAB>passing d= list (comma-separated, may be empty)".
# Prints one line per case: "id<TAB>result<TAB>disposition<TAB>reasons".
use strict;
use warnings;
use Mail::DMARC::PurePerl;
use Net::DNS::Resolver;

my ($config, $port) = @ARGV;
my $resolver = Net::DNS::Resolver->new(nameservers => ['127.0.0.1'], port => $port, recurse => 0,
                                       udp_timeout => 10, tcp_timeout => 10, retry => 2);
while (my $line = <STDIN>) {
    chomp $line;
    next if $line eq '';
    my ($id, $from, $mailfrom, $spf, $dkim) = split /\t/, $line, -1;
    my $dmarc = Mail::DMARC::PurePerl->new(config_file => $config);
    $dmarc->set_resolver($resolver);
    $dmarc->header_from($from);
    $dmarc->envelope_from($mailfrom) if $mailfrom ne '';
    # Without a MAIL FROM there is no SPF-authenticated identifier (RFC 7489 §4.1); Mail::DMARC still wants an entry.
    $dmarc->spf(domain => ($mailfrom ne '' ? $mailfrom : $from), scope => 'mfrom', result => ($mailfrom ne '' ? $spf : 'none'));
    $dmarc->dkim([ map { { domain => $_, selector => 's1', result => 'pass' } } grep { $_ ne '' } split /,/, $dkim ]);
    my $result = eval { $dmarc->validate() };
    if (!$result) {
        printf "%s\terror\tnone\t%s\n", $id, ($@ // 'no result') =~ s/\s+/ /gr;
        next;
    }
    my @reasons = map { ($_->type // '') . ':' . ($_->comment // '') } @{ $result->reason || [] };
    printf "%s\t%s\t%s\t%s\n", $id, $result->result // '', $result->disposition // '', join(';', @reasons);
}
