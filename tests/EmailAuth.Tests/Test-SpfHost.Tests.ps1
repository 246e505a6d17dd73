BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Test-SpfHost' {
    Context 'results for the sample zone' {
        It '<ip> sending as <sender> is <expected> by <matched>' -ForEach @(
            @{ ip = '198.51.100.7'; sender = 'alice@example.com'; expected = 'Pass'; matched = 'include:_spf.example.com' }
            @{ ip = '203.0.113.25'; sender = 'alice@example.com'; expected = 'Pass'; matched = 'mx' }
            @{ ip = '2001:db8:1::25'; sender = 'alice@example.com'; expected = 'Pass'; matched = 'include:_spf.example.com' }
            @{ ip = '203.0.113.99'; sender = 'alice@example.com'; expected = 'SoftFail'; matched = '~all' }
            @{ ip = '203.0.113.99'; sender = 'bob@open.example.com'; expected = 'Pass'; matched = '+all' }
        ) {
            $result = Test-SpfHost -IPAddress $ip -Sender $sender -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $result | Should -HaveCount 1
            $result | Should -BeOfType ([EmailAuth.Core.Spf.SpfCheckResult])
            "$($result.Result)" | Should -Be $expected
            $result.MatchedTerm | Should -Be $matched
            $result.Domain | Should -Be $sender.Split('@')[1]
        }

        It 'returns PermError as a result, not an error, for <_>' -ForEach @(
            'toomany.example.com'   # 11th lookup (RFC 7208 §4.6.4)
            'loop.example.com'      # include loop
            'typo.example.com'      # include of a domain without SPF (§5.2)
            'twice.example.com'     # two records (§4.5)
        ) {
            $result = Test-SpfHost -IPAddress 203.0.113.99 -Sender "alice@$_" -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            "$($result.Result)" | Should -Be 'PermError'
            $result.Reason | Should -Not -BeNullOrEmpty
        }

        It 'checks an empty sender as postmaster at the HELO name (RFC 7208 §2.4)' {
            $out = @(
                Test-SpfHost -IPAddress 203.0.113.25 -Sender '' -Helo mail2.example.com -ZoneFile $Zone
                Test-SpfHost -IPAddress 203.0.113.99 -Helo mail2.example.com -ZoneFile $Zone
            )
            $out.Sender | Should -Be 'postmaster@mail2.example.com', 'postmaster@mail2.example.com'
            $out.Domain | Should -Be 'mail2.example.com', 'mail2.example.com'
            $out.Result | ForEach-Object ToString | Should -Be 'Pass', 'Fail'
        }

        It 'takes -Domain alone, and -Domain overrides the sender''s domain' {
            $alone = Test-SpfHost 192.0.2.25 -Domain mail.example.com -ZoneFile $Zone
            "$($alone.Result)" | Should -Be 'Pass'
            $alone.Domain | Should -Be 'mail.example.com'
            $override = Test-SpfHost 192.0.2.25 -Sender x@open.example.com -Domain mail2.example.com -ZoneFile $Zone
            "$($override.Result)" | Should -Be 'Fail'
            $override.Domain | Should -Be 'mail2.example.com'
        }
    }

    Context 'pipeline' {
        It 'takes Get-SpfRecord output by property name' {
            $out = Get-SpfRecord example.com, toomany.example.com -ZoneFile $Zone | Test-SpfHost -IPAddress 203.0.113.99 -ZoneFile $Zone
            $out.Domain | Should -Be 'example.com', 'toomany.example.com'
            $out.Result | ForEach-Object ToString | Should -Be 'SoftFail', 'PermError'
        }

        It 'takes mail-log rows with IPAddress/Sender or SourceIP/EnvelopeFrom' {
            $out = [pscustomobject]@{ IPAddress = '192.0.2.25'; Sender = 'bob@example.com' },
                   [pscustomobject]@{ SourceIP = '203.0.113.99'; EnvelopeFrom = 'bob@example.com' } | Test-SpfHost -ZoneFile $Zone
            $out.Result | ForEach-Object ToString | Should -Be 'Pass', 'SoftFail'
            "$($out[1].IPAddress)" | Should -Be '203.0.113.99'
        }

        It 'runs from ForEach-Object -Parallel runspaces with the shared cache' {
            $manifest = $ModuleManifest
            $zone = $Zone
            $out = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:manifest
                Test-SpfHost -IPAddress "198.51.100.$_" -Sender alice@example.com -ZoneFile $using:zone
            }
            $out | Should -HaveCount 4
            $out.Result | ForEach-Object ToString | Sort-Object -Unique | Should -Be 'Pass'
        }
    }

    Context 'errors' {
        It 'writes MissingDomain when there is neither sender, HELO nor domain, before any query' {
            # -Server parses; no query is made: the check stops before DNS.
            $out = @(
                Test-SpfHost -IPAddress 192.0.2.1 -Server '[::1]:5353' -ErrorVariable e1 -ErrorAction SilentlyContinue
                Test-SpfHost -IPAddress 192.0.2.1 -Sender '' -Helo ' ' -ErrorVariable e2 -ErrorAction SilentlyContinue
            )
            @($e1) + @($e2) | Get-ErrorId | Should -Be 'MissingDomain', 'MissingDomain'
            @($e1) + @($e2) | ForEach-Object { $_.CategoryInfo.Category } | Should -Be InvalidArgument, InvalidArgument
            $out | Should -BeNullOrEmpty
        }

        It 'gives TempError naming the server when the server never answers' {
            $silent = Start-SilentDnsServer
            try {
                $result = Test-SpfHost -IPAddress 192.0.2.1 -Sender a@example.com -Server $silent.Address -TimeoutSec 1
                "$($result.Result)" | Should -Be 'TempError'
                $result.Reason | Should -BeLike "*$($silent.Address)*"
                $result.Reason | Should -BeLike '*Timeout*'
                $result.Reason | Should -Not -BeLike '*overall time limit*'
            }
            finally { $silent.Dispose() }
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'example.com' = $Zone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'gives <ip> <expected> over the wire' -ForEach @(
            @{ ip = '198.51.100.7'; expected = 'Pass' }
            @{ ip = '2001:db8::25'; expected = 'Pass' }
            @{ ip = '203.0.113.99'; expected = 'SoftFail' }
        ) {
            $result = Test-SpfHost -IPAddress $ip -Sender alice@example.com -Server $knot.Address -TimeoutSec 10
            "$($result.Result)" | Should -Be $expected
        }

        It 'shows the queries with -Verbose' {
            $r = Invoke-InRunspace -Variable @{ server = $knot.Address } -Script 'Test-SpfHost -IPAddress 203.0.113.25 -Sender bob@example.com -Server $server -TimeoutSec 10 -Verbose'
            $r.Errors | Should -BeNullOrEmpty
            "$($r.Output.Result)" | Should -Be 'Pass'
            $r.Verbose | Where-Object { $_ -like 'DNS MX example.com*' } | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Test-SpfHost input' {
    BeforeAll { $idnZone = Join-Path $Fixtures 'idn.example.zone' }

    Context 'strict IP addresses' {
        It 'refuses <_>, which IPAddress.Parse would read as another address' -ForEach '192.0.2.300', '192.0.2', '1', '0x7f.1', '3221225985', '192.0.2.010', '2001:db8::1%eth0', '::ffff:1.2.3' {
            { Test-SpfHost -IPAddress $_ -Sender alice@example.com -ZoneFile $Zone -ErrorAction Stop } |
                Should -Throw -ErrorId 'ParameterArgumentTransformationError,EmailAuth.Commands.TestSpfHostCommand'
        }

        It 'says what it accepts' {
            $e = { Test-SpfHost -IPAddress 192.0.2 -Sender alice@example.com -ZoneFile $Zone -ErrorAction Stop } | Should -Throw -PassThru
            $e.Exception.Message | Should -BeLike '*dotted-quad IPv4*IPv6*'
        }

        It 'accepts <_>' -ForEach '192.0.2.25', '2001:db8::25', '::ffff:192.0.2.25', '2001:0db8:0000:0000:0000:0000:0000:0025' {
            "$((Test-SpfHost -IPAddress $_ -Domain mail.example.com -ZoneFile $Zone).Result)" | Should -BeIn 'Pass', 'Fail'
        }

        It 'writes a per-item error for a bad address from the pipeline and goes on' {
            $out = [pscustomobject]@{ IPAddress = '192.0.2'; Sender = 'bob@example.com' },
                   [pscustomobject]@{ IPAddress = '192.0.2.25'; Sender = 'bob@example.com' } |
                Test-SpfHost -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
            "$($out.IPAddress)" | Should -Be '192.0.2.25'
            "$($out.Result)" | Should -Be 'Pass'
        }

        It 'takes IPAddress objects as they are' {
            "$((Test-SpfHost -IPAddress ([ipaddress]'192.0.2.25') -Domain mail.example.com -ZoneFile $Zone).Result)" | Should -Be 'Pass'
        }
    }

    Context 'internationalized names (one conversion for every cmdlet)' {
        It 'converts <Parameter> to its A-label form before asking DNS' -ForEach @(
            @{ Parameter = '-Sender'; Splat = @{ Sender = 'alice@bücher.example' }; Domain = 'xn--bcher-kva.example'; Ip = '192.0.2.80' }
            @{ Parameter = '-Domain'; Splat = @{ Domain = 'BÜCHER.example' }; Domain = 'xn--bcher-kva.example'; Ip = '192.0.2.80' }
            @{ Parameter = '-Helo'; Splat = @{ Helo = 'mail.bücher.example' }; Domain = 'mail.xn--bcher-kva.example'; Ip = '192.0.2.81' }
        ) {
            $result = Test-SpfHost -IPAddress $Ip @Splat -ZoneFile $idnZone
            "$($result.Result)" | Should -Be 'Pass'
            $result.Domain | Should -Be $Domain
        }

        It 'gives Get-SpfRecord and Test-SpfHost the same name' {
            (Get-SpfRecord bücher.example -ZoneFile $idnZone).Domain | Should -Be 'xn--bcher-kva.example'
            (ConvertFrom-SpfRecord 'v=spf1 -all' -Domain bücher.example).Domain | Should -Be 'xn--bcher-kva.example'
        }
    }

    Context 'names from macros (RFC 7208 §7.3, RFC 2181 §11)' {
        BeforeAll {
            # %{l}%_%%%- expands to "a %%20": a label with a space and percent signs, asked of DNS as it is.
            $octetZone = Join-Path $TestDrive 'octets.example.zone'
            Set-Content $octetZone @(
                '$ORIGIN octets.example.', '$TTL 300', '@ IN SOA ns hostmaster 1 7200 3600 1209600 300', '@ IN NS ns', 'ns IN A 192.0.2.53'
                '@ IN TXT "v=spf1 exists:%{l}%_%%%-.octets.example -all"'
                'a\032\037\03720 IN A 127.0.0.2'
            )
        }

        It 'matches exists: on a name holding a space and "%" for <Sender> (<Expected>)' -ForEach @(
            @{ Sender = 'a@octets.example'; Expected = 'Pass' }
            @{ Sender = 'b@octets.example'; Expected = 'Fail' }
        ) {
            "$((Test-SpfHost -IPAddress 192.0.2.10 -Sender $Sender -ZoneFile $octetZone).Result)" | Should -Be $Expected
        }

        It 'shows such a name with RFC 1035 escapes in -Verbose' {
            $r = Invoke-InRunspace -Variable @{ zone = $octetZone } -Script 'Test-SpfHost -IPAddress 192.0.2.10 -Sender a@octets.example -ZoneFile $zone -Verbose'
            $r.Verbose | Where-Object { $_ -like 'DNS A a\032%%20.octets.example*127.0.0.2*' } | Should -Not -BeNullOrEmpty
        }
    }

    Context 'malformed domains (RFC 7208 §4.3)' {
        It 'returns None for <Splat.Keys> <Splat.Values>, without a query, and writes InvalidDomainName as Get-SpfRecord does' -ForEach @(
            @{ Splat = @{ Domain = 'bad..name' } }
            @{ Splat = @{ Sender = 'alice@localhost' } }
            @{ Splat = @{ Helo = 'sp ace.example.com' } }
        ) {
            $r = Invoke-InRunspace -Variable @{ splat = $Splat } -Script 'Test-SpfHost -IPAddress 192.0.2.1 @splat -Server 127.0.0.1:9 -TimeoutSec 1 -Verbose'
            $r.Output | Should -HaveCount 1
            "$($r.Output[0].Result)" | Should -Be 'None'
            $r.Output[0].Reason | Should -BeLike '*RFC 7208 §4.3*'
            $r.Errors | Get-ErrorId | Should -Be 'InvalidDomainName'
            $r.Verbose | Where-Object { $_ -like 'DNS *' } | Should -BeNullOrEmpty   # no query was sent
        }
    }
}
