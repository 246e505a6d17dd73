BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $DmarcZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'dmarc' 'test.zone'
}

Describe 'Get-DmarcPolicy' {
    Context 'the sample zone' {
        It 'reads the good record of example.com' {
            $info = Get-DmarcPolicy example.com -ZoneFile $Zone
            $info | Should -BeOfType ([EmailAuth.Core.Dmarc.DmarcPolicyInfo])
            $info.Record | Should -Be 'v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com'
            $info.PolicyDomain | Should -Be 'example.com'
            $info.OrganizationalDomain | Should -Be 'example.com'
            $info.EffectivePolicy | Should -Be Reject
            $info.IsValid | Should -BeTrue
            $info.Findings | Should -BeNullOrEmpty
        }

        It 'gives subdomains the inherited policy, and np to names that do not exist' {
            $www, $nosuch = 'www.example.com', 'nosuch.example.com' | Get-DmarcPolicy -ZoneFile $Zone
            $www.PolicyDomain | Should -Be 'example.com'
            $www.DomainExists | Should -BeTrue
            $nosuch.DomainExists | Should -BeFalse
            $nosuch.EffectivePolicy | Should -Be Reject
            $www.Findings.Code | Should -Be 'DMARC_INHERITED_POLICY'
        }

        It 'finds <Domain>: <Code>' -ForEach @(
            @{ Domain = 'monitor.example.com'; Code = 'DMARC_POLICY_NONE' }
            @{ Domain = 'monitor.example.com'; Code = 'DMARC_PCT_BELOW_100' }
            @{ Domain = 'monitor.example.com'; Code = 'DMARC_EXTERNAL_DESTINATION_UNAUTHORIZED' }
            @{ Domain = 'monitor.example.com'; Code = 'DMARC_REPORT_DOMAIN_NO_MX' }
            @{ Domain = 'weak.example.com'; Code = 'DMARC_SUBDOMAIN_POLICY_WEAKER' }
            @{ Domain = 'weak.example.com'; Code = 'DMARC_NP_POLICY_WEAKER' }
            @{ Domain = 'weak.example.com'; Code = 'DMARC_NO_RUA' }
            @{ Domain = 'broken.example.com'; Code = 'DMARC_INVALID_TAG_VALUE' }
            @{ Domain = 'broken.example.com'; Code = 'DMARC_UNKNOWN_TAG' }
            @{ Domain = 'broken.example.com'; Code = 'DMARC_INVALID_URI' }
            @{ Domain = 'dup.example.com'; Code = 'DMARC_MULTIPLE_RECORDS' }
            @{ Domain = 'wrong.example.com'; Code = 'DMARC_RECORD_WRONG_NAME' }
        ) {
            (Get-DmarcPolicy $Domain -ZoneFile $Zone).Findings.Code | Should -Contain $Code
        }

        It 'uses RFC 7489 discovery with -Method PublicSuffixList' {
            $info = Get-DmarcPolicy www.example.com -ZoneFile $Zone -Method PublicSuffixList
            $info.Method | Should -Be PublicSuffixList
            $info.Queries.QueryName | Should -Be '_dmarc.www.example.com', '_dmarc.example.com'
            $info.PolicyDomain | Should -Be 'example.com'
        }

        It 'binds FromDomain by property name and writes InvalidDomainName for bad names' {
            $out = [pscustomobject]@{ FromDomain = 'example.com' }, 'bad..name' |
                Get-DmarcPolicy -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.Domain | Should -Be 'example.com'
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        }

        It 'returns NO_RECORD for a name outside every zone, without an error' {
            $info = Get-DmarcPolicy example.org -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $info.Findings.Code | Should -Be 'DMARC_NO_RECORD'
            $info.EffectivePolicy | Should -BeNullOrEmpty
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $DmarcZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'discovers the exact record, the Organizational Domain record, and a PSD record' {
            $exact, $org, $psd = 'sub.example.test', 'www.example.test', 'a.b.psd.test' | Get-DmarcPolicy -Server $knot.Address
            $exact.PolicyDomain | Should -Be 'sub.example.test'
            $exact.EffectivePolicy | Should -Be None
            $org.PolicyDomain | Should -Be 'example.test'
            $org.EffectivePolicy | Should -Be Quarantine     # sp= for an existing subdomain
            $psd.OrganizationalDomain | Should -Be 'b.psd.test'
            $psd.PolicyDomain | Should -Be 'psd.test'
            $psd.Findings.Code | Should -Contain 'DMARC_ORG_DOMAIN_METHODS_DISAGREE'
        }

        It 'applies np= to a name that does not exist' {
            $info = Get-DmarcPolicy nosuch.example.test -Server $knot.Address
            $info.DomainExists | Should -BeFalse
            $info.NonexistentDomainPolicy | Should -Be Reject
            $info.EffectivePolicy | Should -Be Reject
        }

        It 'checks external report authorization and MX' {
            $info = Get-DmarcPolicy ext.test -Server $knot.Address
            ($info.Findings | Where-Object Code -eq 'DMARC_EXTERNAL_DESTINATION_UNAUTHORIZED').Subject | Should -Be 'noauth.test'
            ($info.Findings | Where-Object Code -eq 'DMARC_REPORT_DOMAIN_NO_MX').Subject | Should -Be 'noauth.test'
        }

        It 'writes DmarcDnsError after the object when the lookup fails' {
            $info = Get-DmarcPolicy example.invalid -Server $knot.Address -ErrorVariable errs -ErrorAction SilentlyContinue
            $info.Findings.Code | Should -Be 'DMARC_DNS_ERROR'
            $errs | Get-ErrorId | Should -Be 'DmarcDnsError'
        }

        It 'times out against a silent server as a DNS error' {
            $silent = Start-SilentDnsServer
            try {
                $info = Get-DmarcPolicy example.com -Server $silent.Address -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
                $info.Findings.Code | Should -Be 'DMARC_DNS_ERROR'
                $errs | Get-ErrorId | Should -Be 'DmarcDnsError'
            }
            finally { $silent.Dispose() }
        }
    }
}

Describe 'Get-DmarcPolicy progress' {
    It 'reports progress for several domains and completes it' {
        $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
'example.com', 'monitor.example.com', 'weak.example.com' | Get-DmarcPolicy -ZoneFile $zone
'@
        $r.Output | Should -Not -BeNullOrEmpty
        $r.Progress | Where-Object { $_.Activity -eq 'Get-DmarcPolicy' -and $_.CurrentOperation -eq 'weak.example.com' -and $_.RecordType -eq 'Processing' } |
            Should -Not -BeNullOrEmpty
        $r.Progress[-1].RecordType | Should -Be Completed
    }

    It 'writes no progress for a single domain' {
        (Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Get-DmarcPolicy example.com -ZoneFile $zone').Progress | Should -BeNullOrEmpty
    }
}
