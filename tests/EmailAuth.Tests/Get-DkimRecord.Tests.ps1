BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Ses = Join-Path $RepoRoot 'samples' 'amazonses.com.zone'
    $Token = '454ml6lg4tjfcz4kaedcmpb5u4mos7af'      # Easy DKIM CNAME that resolves
    $Gone = '5r2fquosbegzgsyebannd6yz2emrvftv'       # Easy DKIM CNAME that dangles
    $TxtToken = 'a2hipgad57lm4mi2yhz2nartbnlzgcjn'   # SES token name holding a TXT copy
}

Describe 'Get-DkimRecord' {
    Context 'binding' {
        It 'binds -Domain by value and -Selector by position' {
            $info = 'example.com' | Get-DkimRecord -Selector selector1 -ZoneFile $Zone
            $info | Should -HaveCount 1
            $info | Should -BeOfType ([EmailAuth.Core.Dkim.DkimKeyInfo])
            $info.Name | Should -Be 'selector1._domainkey.example.com'
            $info.KeyType | Should -Be 'rsa'
            $info.KeyBits | Should -Be 2048
            $info.IsValid | Should -BeTrue
            $info.Guessed | Should -BeFalse
            $info.Findings | Should -BeNullOrEmpty
        }

        It 'binds Domain (or Name) and Selector by property name' {
            $out = [pscustomobject]@{ Domain = 'example.com'; Selector = 'selector2' }, [pscustomobject]@{ Name = 'example.com'; Selector = 'old' } |
                Get-DkimRecord -ZoneFile $Zone
            $out.Selector | Should -Be 'selector2', 'old'
        }

        It 'writes a non-terminating InvalidDomainName for a bad domain or selector and goes on' {
            $out = Get-DkimRecord 'bad..name', 'example.com' -Selector 'bad selector', selector1 -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName', 'InvalidDomainName'
            $errs[0].TargetObject | Should -Be 'bad..name'
            $errs[1].TargetObject | Should -Be 'bad selector'
            $out.Selector | Should -Be 'selector1'
        }
    }

    Context 'keys in the sample zone' {
        It 'warns about a 1024-bit key (RFC 8301: SHOULD be 2048) but keeps it valid' {
            $info = Get-DkimRecord example.com -Selector selector2 -ZoneFile $Zone
            $info.KeyBits | Should -Be 1024
            $info.IsValid | Should -BeTrue
            $info.Findings.Code | Should -Be 'DKIM_KEY_UNDER_2048'
            $info.Findings[0].Severity | Should -Be Warning
        }

        It 'reports a revoked key (empty p=) as not valid' {
            $info = Get-DkimRecord example.com -Selector old -ZoneFile $Zone
            $info.Revoked | Should -BeTrue
            $info.IsValid | Should -BeFalse
            $info.Findings.Code | Should -Be 'DKIM_KEY_REVOKED'
        }

        It 'gives a missing key as an object with DKIM_NO_RECORD, not an error' {
            $info = Get-DkimRecord example.com -Selector nosuch -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $info.Record | Should -BeNullOrEmpty
            $info.Findings.Code | Should -Be 'DKIM_NO_RECORD'
        }

        It 'finds the key published under a doubled suffix and says where it is' {
            $info = Get-DkimRecord example.com -Selector mail -ZoneFile $Zone
            $info.Name | Should -Be 'mail._domainkey.example.com'
            $info.IsValid | Should -BeFalse
            $info.KeyBits | Should -Be 1024
            $info.Findings.Code | Should -Contain 'DKIM_DOUBLED_SUFFIX'
            ($info.Findings | Where-Object Code -EQ 'DKIM_DOUBLED_SUFFIX').Message | Should -BeLike '*mail._domainkey.example.com.example.com*'
        }

        It 'follows an SES Easy DKIM CNAME into the amazonses.com zone and reports the chain' {
            $info = Get-DkimRecord example.com -Selector $Token -ZoneFile $Zone, $Ses
            $info.CnameChain | Should -Be "$Token.dkim.amazonses.com"
            $info.KeyBits | Should -Be 2048
            $info.IsValid | Should -BeTrue
        }

        It 'reports a CNAME to nothing as DKIM_CNAME_DANGLING' {
            $info = Get-DkimRecord example.com -Selector $Gone -ZoneFile $Zone, $Ses
            $info.CnameChain | Should -Be "$Gone.dkim.amazonses.com"
            $info.IsValid | Should -BeFalse
            $info.Findings.Code | Should -Be 'DKIM_CNAME_DANGLING'
        }

        It 'does not call a CNAME dangling when its target lies outside the zone files given' {
            $info = Get-DkimRecord example.com -Selector $Token -ZoneFile $Zone
            $info.Findings.Code | Should -Be 'DKIM_CNAME_NOT_CHECKED'
            $info.IsValid | Should -BeFalse
        }

        It 'warns about a TXT key at an SES Easy DKIM name' {
            $info = Get-DkimRecord example.com -Selector $TxtToken -ZoneFile $Zone
            $info.IsValid | Should -BeTrue
            $info.Findings.Code | Should -Be 'DKIM_TXT_INSTEAD_OF_CNAME'
        }
    }

    Context 'guessed selectors' {
        It 'tries the common selectors and outputs only those found, marked Guessed' {
            $out = Get-DkimRecord example.com -ZoneFile $Zone
            $out.Selector | Should -Be 'selector1', 'selector2'
            $out.Guessed | Should -Be $true, $true
        }

        It 'outputs nothing (and no error) for a domain without common selectors, and says so with -Verbose' {
            $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Get-DkimRecord nospf.example.com -ZoneFile $zone -Verbose'
            $r.Errors | Should -BeNullOrEmpty
            $r.Output | Should -BeNullOrEmpty
            $r.Verbose | Where-Object { $_ -like 'None of the * common selectors*' } | Should -Not -BeNullOrEmpty
            $r.Verbose | Where-Object { $_ -like 'DNS TXT google._domainkey.nospf.example.com*' } | Should -Not -BeNullOrEmpty
        }
    }

    Context 'DNS failures' {
        It 'outputs the object with DKIM_DNS_ERROR and a DkimDnsError naming the server, never "no record"' {
            $info = Get-DkimRecord example.com -Selector selector1 -Server 127.0.0.1:9 -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $info.Findings.Code | Should -Be 'DKIM_DNS_ERROR'
            $info.Findings.Code | Should -Not -Contain 'DKIM_NO_RECORD'
            $errs | Should -HaveCount 1
            $errs[0] | Get-ErrorId | Should -Be 'DkimDnsError'
            $errs[0].Exception.Message | Should -BeLike '*127.0.0.1:9*'
        }

        It 'reports a failed lookup of a guessed selector too' {
            $out = Get-DkimRecord example.com -Server 127.0.0.1:9 -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -Not -BeNullOrEmpty
            $out[0].Guessed | Should -BeTrue
            $out[0].Findings.Code | Should -Be 'DKIM_DNS_ERROR'
            $errs | Get-ErrorId | Select-Object -Unique | Should -Be 'DkimDnsError'
        }
    }

    Context 'against knotd' -Skip:$noKnot {
        BeforeAll {
            $knot = Start-KnotServer -Zone @{ 'example.com' = $Zone; 'amazonses.com' = $Ses }
        }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'gives the same keys, chains and codes over the wire as from the zone files' {
            $selectors = 'selector1', 'selector2', 'old', $Token, $Gone, $TxtToken, 'mail', 'nosuch'
            $live = Get-DkimRecord example.com -Selector $selectors -Server $knot.Address -TimeoutSec 10
            $offline = Get-DkimRecord example.com -Selector $selectors -ZoneFile $Zone, $Ses
            $live | Should -HaveCount 8
            foreach ($i in 0..7) {
                $live[$i].KeyBits | Should -Be $offline[$i].KeyBits
                $live[$i].IsValid | Should -Be $offline[$i].IsValid
                "$($live[$i].CnameChain)" | Should -Be "$($offline[$i].CnameChain)"
                "$($live[$i].Findings.Code)" | Should -Be "$($offline[$i].Findings.Code)" -Because $live[$i].Selector
            }
        }

        It 'looks the selectors of a domain up concurrently, yet outputs and traces them in the order given' {
            # The lookups finish in any order; objects, errors and the DNS trace still follow the selector order.
            $selectors = 'nosuch', $TxtToken, 'old', 'bad..name', 'selector2', $Token, 'selector1'
            $r = Invoke-InRunspace -Variable @{ server = $knot.Address; selectors = $selectors } -Script 'Get-DkimRecord example.com -Selector $selectors -Server $server -TimeoutSec 10 -Verbose'
            $r.Output.Selector | Should -Be 'nosuch', $TxtToken, 'old', 'selector2', $Token, 'selector1'
            $r.Errors | Get-ErrorId | Should -Be 'InvalidDomainName'
            $asked = $r.Verbose | Where-Object { $_ -like 'DNS TXT *._domainkey.example.com*' } | ForEach-Object { ($_ -split ' ')[2] -replace '\._domainkey\.example\.com.*$', '' }
            $asked | Select-Object -Unique | Should -Be 'nosuch', $TxtToken, 'old', 'selector2', $Token, 'selector1'
        }

        It 'guesses the common selectors over the wire in the documented order' {
            $out = Get-DkimRecord example.com -Server $knot.Address -TimeoutSec 10
            $out.Selector | Should -Be 'selector1', 'selector2'
            $out.Guessed | Should -Be $true, $true
        }
    }
}

Describe 'Get-DkimRecord progress' {
    It 'reports progress for several domains and completes it' {
        $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
'example.com', 'nosuch.example.com', 'www.example.com' | Get-DkimRecord -Selector selector1 -ZoneFile $zone
'@
        $r.Output | Should -Not -BeNullOrEmpty
        $r.Progress | Where-Object { $_.Activity -eq 'Get-DkimRecord' -and $_.CurrentOperation -eq 'www.example.com' -and $_.RecordType -eq 'Processing' } |
            Should -Not -BeNullOrEmpty
        $r.Progress[-1].RecordType | Should -Be Completed
    }

    It 'writes no progress for a single domain' {
        (Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Get-DkimRecord example.com -Selector selector1 -ZoneFile $zone').Progress | Should -BeNullOrEmpty
    }
}
