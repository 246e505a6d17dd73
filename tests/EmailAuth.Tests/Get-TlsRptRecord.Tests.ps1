BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $RecordsZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'records' 'test.zone'
}

Describe 'Get-TlsRptRecord' {
    Context 'the sample zone' {
        It 'reads the good record of example.com' {
            $info = Get-TlsRptRecord example.com -ZoneFile $Zone
            $info | Should -BeOfType ([EmailAuth.Core.TlsRpt.TlsRptRecordInfo])
            $info.QueryName | Should -Be '_smtp._tls.example.com'
            $info.Rua | Should -Be 'mailto:tls-reports@example.com'
            $info.IsValid | Should -BeTrue
            $info.Findings | Should -BeNullOrEmpty
        }

        It 'finds <Domain>: <Code>' -ForEach @(
            @{ Domain = 'tlsrpt-bad.example.com'; Code = 'TLSRPT_HTTP_NOT_HTTPS' }
            @{ Domain = 'tlsrpt-bad.example.com'; Code = 'TLSRPT_BAD_URI_SCHEME' }
            @{ Domain = 'tlsrpt-bad.example.com'; Code = 'TLSRPT_MALFORMED_MAILTO' }
            @{ Domain = 'tlsrpt-dup.example.com'; Code = 'TLSRPT_MULTIPLE_RECORDS' }
            @{ Domain = 'www.example.com'; Code = 'TLSRPT_NO_RECORD' }
        ) {
            $info = Get-TlsRptRecord $Domain -ZoneFile $Zone
            $info.Findings.Code | Should -Contain $Code
            $info.IsValid | Should -BeFalse
        }

        It 'takes domains from the pipeline by property name and writes InvalidDomainName for bad names' {
            $out = [pscustomobject]@{ Name = 'example.com' }, 'bad..name' |
                Get-TlsRptRecord -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.Domain | Should -Be 'example.com'
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        }

        It 'shows a table with the record' {
            Get-TlsRptRecord example.com -ZoneFile $Zone | Out-String -Width 200 | Should -Match 'v=TLSRPTv1; rua=mailto:tls-reports@example.com'
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $RecordsZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'reads a record with two destinations and an extension' {
            $info = Get-TlsRptRecord good.test -Server $knot.Address
            $info.Rua | Should -Be 'mailto:tls@good.test', 'https://reports.good.test/tlsrpt'
            $info.IsValid | Should -BeTrue
        }

        It 'finds <Domain>: <Code>' -ForEach @(
            @{ Domain = 'version.test'; Code = 'TLSRPT_BAD_VERSION' }
            @{ Domain = 'weak.test'; Code = 'TLSRPT_NO_RUA' }
        ) {
            (Get-TlsRptRecord $Domain -Server $knot.Address).Findings.Code | Should -Contain $Code
        }

        It 'writes TlsRptDnsError after the object when the lookup fails' {
            $info = Get-TlsRptRecord example.invalid -Server $knot.Address -ErrorVariable errs -ErrorAction SilentlyContinue
            $info.Findings.Code | Should -Be 'TLSRPT_DNS_ERROR'
            $errs | Get-ErrorId | Should -Be 'TlsRptDnsError'
        }

        It 'times out against a silent server as a DNS error' {
            $silent = Start-SilentDnsServer
            try {
                $info = Get-TlsRptRecord example.com -Server $silent.Address -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
                $info.Findings.Code | Should -Be 'TLSRPT_DNS_ERROR'
                $errs | Get-ErrorId | Should -Be 'TlsRptDnsError'
            }
            finally { $silent.Dispose() }
        }
    }
}
