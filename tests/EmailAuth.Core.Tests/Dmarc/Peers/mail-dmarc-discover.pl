#!/usr/bin/perl
# RFC 7489 policy discovery by Debian's libmail-dmarc-perl (Mail::DMARC::PurePerl), for the differential test.
# Usage: mail-dmarc-discover.pl <config.ini> <port> <domain>...
# Prints one line per domain: "domain<TAB>policy-domain<TAB>p<TAB>sp" or "domain<TAB>none<TAB><reason>".
use strict;
use warnings;
use Mail::DMARC::PurePerl;
use Net::DNS::Resolver;

my ($config, $port, @domains) = @ARGV;
for my $domain (@domains) {
    my $dmarc = Mail::DMARC::PurePerl->new(config_file => $config);
    $dmarc->set_resolver(Net::DNS::Resolver->new(nameservers => ['127.0.0.1'], port => $port, recurse => 0,
                                                  udp_timeout => 10, tcp_timeout => 10, retry => 2));
    $dmarc->header_from($domain);
    my $policy = eval { $dmarc->discover_policy($domain) };
    if ($policy) {
        printf "%s\t%s\t%s\t%s\n", $domain, $policy->domain, $policy->p // '', $policy->sp // '';
    }
    else {
        my @reasons = map { $_->comment // '' } @{ $dmarc->result->reason || [] };
        printf "%s\tnone\t%s\n", $domain, join(';', @reasons, $@ ? "error: $@" : ());
    }
}
