BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Get-SpfRecord' {
    Context 'binding' {
        It 'binds -Domain by value from the pipeline and walks the include tree' {
            $info = 'example.com' | Get-SpfRecord -ZoneFile $Zone
            $info | Should -HaveCount 1
            $info | Should -BeOfType ([EmailAuth.Core.Spf.SpfRecordInfo])
            $info.Domain | Should -Be 'example.com'
            $info.Record | Should -Be 'v=spf1 ip4:192.0.2.0/25 include:_spf.example.com mx ~all'
            $info.IsValid | Should -BeTrue
            $info.DnsLookupCount | Should -Be 2   # include + mx (RFC 7208 §4.6.4)
            $info.Ip4 | ForEach-Object ToString | Should -Contain '198.51.100.0/24'   # from the include
        }

        It 'binds by property name, and by the Name alias' {
            $out = [pscustomobject]@{ Domain = 'example.com' }, [pscustomobject]@{ Name = 'redirect.example.com' } |
                Get-SpfRecord -ZoneFile $Zone
            $out.Domain | Should -Be 'example.com', 'redirect.example.com'
        }

        It 'writes output types that Select-Object, ConvertTo-Json and Export-Csv handle' {
            $rows = 'example.com', 'typo.example.com' | Get-SpfRecord -ZoneFile $Zone |
                Select-Object Domain, IsValid, DnsLookupCount, @{ n = 'Codes'; e = { @($_.Findings | ForEach-Object Code) -join ';' } }
            ($rows | ConvertTo-Json | ConvertFrom-Json).Codes | Should -Be '', 'SPF_INCLUDE_NO_RECORD'
            $csv = Join-Path $TestDrive 'spf.csv'
            $rows | Export-Csv $csv
            (Import-Csv $csv).Domain | Should -Be 'example.com', 'typo.example.com'
        }
    }

    Context 'errors' {
        It 'writes a non-terminating InvalidDomainName and goes on with the next domain' {
            $out = 'bad..name', 'example.com' | Get-SpfRecord -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidDomainName,EmailAuth.Commands.GetSpfRecordCommand'
            $errs[0].CategoryInfo.Category | Should -Be InvalidArgument
            $errs[0].TargetObject | Should -Be 'bad..name'
            $out.Domain | Should -Be 'example.com'
        }

        It 'rejects <_> before any query' -ForEach 'localhost', '-bad.example.com', 'sp ace.example.com' {
            # Single label: not a domain SPF applies to (RFC 7208 §4.3). No resolver is set up, so a query would show.
            $out = Get-SpfRecord -Domain $_ -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
            $out | Should -BeNullOrEmpty
        }
    }

    Context 'findings on the sample zone' {
        It 'gives a missing record as an object with SPF_NO_RECORD, not an error' {
            $info = Get-SpfRecord nospf.example.com -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $info.Record | Should -BeNullOrEmpty
            $info.IsValid | Should -BeFalse
            $info.Findings.Code | Should -Contain 'SPF_NO_RECORD'
        }

        It 'finds the classic mistakes' {
            $out = 'typo.example.com', 'open.example.com', 'toomany.example.com', 'loop.example.com', 'twice.example.com' |
                Get-SpfRecord -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $out | Should -HaveCount 5
            $out | Where-Object { -not $_.Findings } | Should -BeNullOrEmpty
            $out | Where-Object IsValid | ForEach-Object Domain | Should -Be @()
            $toomany = $out | Where-Object Domain -EQ 'toomany.example.com'
            $toomany.DnsLookupCount | Should -Be 12
            $toomany.Findings.Code | Should -Contain 'SPF_TOO_MANY_LOOKUPS'
            ($out | Where-Object Domain -EQ 'open.example.com').Findings.Code | Should -Contain 'SPF_PASS_ALL'
            ($out | Where-Object Domain -EQ 'loop.example.com').Findings.Code | Should -Contain 'SPF_INCLUDE_LOOP'
            ($out | Where-Object Domain -EQ 'twice.example.com').Findings.Code | Should -Contain 'SPF_MULTIPLE_RECORDS'
        }

        It 'lets a gate select findings by severity' {
            $severe = 'example.com', 'open.example.com' | Get-SpfRecord -ZoneFile $Zone |
                ForEach-Object Findings | Where-Object Severity -GE ([EmailAuth.Core.Audit.FindingSeverity]::Error)
            $severe.Code | Should -Be 'SPF_PASS_ALL'
        }

        It 'joins a multi-string TXT record without separators (RFC 7208 §3.3)' {
            $record = (Get-SpfRecord multi.example.com -ZoneFile $Zone).Record
            $record.Length | Should -BeGreaterThan 255
            $record | Should -BeLike '*ip4:192.0.2.224/28 ip6:2001:db8::/48*'
            $record | Should -BeLike '*a:mail.example.com -all'
        }
    }

    Context 'zone files' {
        It 'resolves a relative -ZoneFile from the PowerShell location' {
            Push-Location (Split-Path $Zone)
            try { (Get-SpfRecord example.com -ZoneFile ./example.com.zone).IsValid | Should -BeTrue }
            finally { Pop-Location }
        }

        It 'answers from several zone files together and expands wildcards' {
            $info = Get-SpfRecord example.net -ZoneFile $Zone, (Join-Path $Fixtures '*.net.zone')
            $info.IsValid | Should -BeTrue
            $info.DnsLookupCount | Should -Be 1
            $info.Ip4 | ForEach-Object ToString | Should -Contain '198.51.100.0/24'
        }
    }

    Context 'verbose and progress' {
        It 'tells each query with -Verbose, and the cache is shared with Test-SpfHost' {
            $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
                Get-SpfRecord example.com -ZoneFile $zone -Verbose
                Test-SpfHost -IPAddress 198.51.100.7 -Sender alice@example.com -ZoneFile $zone -Verbose
'@
            $r.Errors | Should -BeNullOrEmpty
            $r.Verbose | Where-Object { $_ -like 'DNS TXT example.com*' } | Should -Not -BeNullOrEmpty
            $r.Verbose | Where-Object { $_ -like 'DNS TXT _spf.example.com*' } | Should -Not -BeNullOrEmpty
            $r.Verbose | Where-Object { $_ -like 'DNS TXT example.com*(cached)' } | Should -Not -BeNullOrEmpty
        }

        It 'reports progress for several domains and completes it' {
            $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script "'example.com', 'open.example.com', 'typo.example.com' | Get-SpfRecord -ZoneFile `$zone"
            $r.Output | Should -HaveCount 3
            $r.Progress | Where-Object { $_.CurrentOperation -eq 'typo.example.com' -and $_.RecordType -eq 'Processing' } |
                Should -Not -BeNullOrEmpty
            $r.Progress[-1].RecordType | Should -Be Completed
        }

        It 'writes no progress for a single domain' {
            (Invoke-InRunspace -Variable @{ zone = $Zone } -Script "Get-SpfRecord 'bad..name' -ZoneFile `$zone").Progress |
                Should -BeNullOrEmpty
        }
    }

    Context 'query budget' {
        It 'stops a walk of records naming hundreds of missing hosts and says so with SPF_INSPECTION_INCOMPLETE' {
            # r1 includes r2 ... r5; each also names 300 hosts that do not exist (a query amplifier if walked whole).
            $lines = @('$ORIGIN amp.test.', '$TTL 300', '@ IN SOA ns hostmaster 1 7200 3600 1209600 300', '@ IN NS ns', 'ns IN A 192.0.2.53')
            foreach ($i in 1..5) {
                $terms = @(1..300 | ForEach-Object { "a:missing$_-r$i.amp.test" }) + @(if ($i -lt 5) { "include:r$($i + 1).amp.test" }) + '-all'
                $record = 'v=spf1 ' + ($terms -join ' ')
                $strings = for ($at = 0; $at -lt $record.Length; $at += 250) { '"' + $record.Substring($at, [Math]::Min(250, $record.Length - $at)) + '"' }
                $lines += "r$i IN TXT ( $($strings -join ' ') )"
            }
            $ampZone = Join-Path $TestDrive 'amp.test.zone'
            Set-Content $ampZone $lines
            $r = Invoke-InRunspace -Variable @{ zone = $ampZone } -Script 'Get-SpfRecord r1.amp.test -ZoneFile $zone -Verbose'
            $info = $r.Output[0]
            $info.Findings.Code | Should -Contain 'SPF_INSPECTION_INCOMPLETE'
            $info.IsValid | Should -BeFalse
            $info.VoidLookupCount | Should -Be 10
            @($r.Verbose | Where-Object { $_ -like 'DNS A *' }).Count | Should -BeLessOrEqual 20
        }

        It 'does not report a normal tree as incomplete' {
            'example.com', 'typo.example.com', 'toomany.example.com' | Get-SpfRecord -ZoneFile $Zone |
                ForEach-Object { $_.Findings.Code } | Should -Not -Contain 'SPF_INSPECTION_INCOMPLETE'
        }
    }

    Context 'DNS failures' {
        It 'outputs the object with SPF_DNS_ERROR and a SpfDnsError naming the server when nothing listens' {
            # Nothing listens on the discard port: the query fails, never "no record".
            $info = Get-SpfRecord example.com -Server 127.0.0.1:9 -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $info.Record | Should -BeNullOrEmpty
            $info.Findings.Code | Should -Contain 'SPF_DNS_ERROR'
            $errs | Should -HaveCount 1
            $errs[0] | Get-ErrorId | Should -Be 'SpfDnsError'
            $errs[0].CategoryInfo.Category | Should -BeIn ResourceUnavailable, OperationTimeout
            $errs[0].Exception.Message | Should -BeLike '*127.0.0.1:9*'
            $errs[0].Exception.Message | Should -BeLike '*port unreachable*'   # said at once, not a timeout
        }

        It 'gives a timeout from a server that never answers as OperationTimeout naming it' {
            $silent = Start-SilentDnsServer
            try {
                $info = Get-SpfRecord example.com -Server $silent.Address -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
                $info.Findings.Code | Should -Contain 'SPF_DNS_ERROR'
                $errs | Get-ErrorId | Should -Be 'SpfDnsError'
                $errs[0].CategoryInfo.Category | Should -Be OperationTimeout
                $errs[0].Exception.Message | Should -BeLike "*$($silent.Address)*"
            }
            finally { $silent.Dispose() }
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll {
            $knot = Start-KnotServer -Zone @{ 'example.com' = $Zone; 'example.net' = (Join-Path $Fixtures 'example.net.zone') }
        }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'gives the same answers over the wire as from the zone file' {
            $live = 'example.com', 'loop.example.com', 'toomany.example.com', 'example.net' | Get-SpfRecord -Server $knot.Address -TimeoutSec 10
            $offline = 'example.com', 'loop.example.com', 'toomany.example.com', 'example.net' | Get-SpfRecord -ZoneFile $Zone, (Join-Path $Fixtures 'example.net.zone')
            $live.Record | Should -Be $offline.Record
            $live.DnsLookupCount | Should -Be $offline.DnsLookupCount
            ($live | ForEach-Object { $_.Findings.Code -join ',' }) | Should -Be ($offline | ForEach-Object { $_.Findings.Code -join ',' })
        }

        It 'tells the server it asked with -Verbose' {
            $r = Invoke-InRunspace -Variable @{ server = $knot.Address } -Script 'Get-SpfRecord example.net -Server $server -TimeoutSec 10 -Verbose'
            $r.Errors | Should -BeNullOrEmpty
            $r.Output.IsValid | Should -BeTrue
            $r.Verbose | Where-Object { $_ -like 'DNS TXT example.net*' } | Should -Not -BeNullOrEmpty
        }
    }
}
