# -Server, -ZoneFile and -TimeoutSec, shared by every DNS cmdlet.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'DNS parameters of <_>' -ForEach 'Get-SpfRecord example.com', 'Test-SpfHost 192.0.2.1 -Sender a@example.com', 'Get-DkimRecord example.com -Selector s1' {
    BeforeAll { $command = $_ }

    It 'gives a missing zone file as a clear terminating ZoneFileNotFound' {
        $r = Invoke-InRunspace -Script "$command -ZoneFile ./no-such.zone"
        $r.Errors | Should -HaveCount 1
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileNotFound'
        $r.Errors[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $r.Errors[0].Exception.Message | Should -BeLike '*no-such.zone*'
        $r.Output | Should -BeNullOrEmpty
    }

    It 'refuses -Server together with -ZoneFile' {
        { Invoke-Expression "$command -Server 192.0.2.53 -ZoneFile `$Zone" } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }

    It 'limits -TimeoutSec to 1..60 (<_>)' -ForEach 0, 61 {
        { Invoke-Expression "$command -TimeoutSec $_" } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Zone file errors' {
    It 'names the file and line once for a broken zone file' {
        $r = Invoke-InRunspace -Variable @{ fixtures = $Fixtures } -Script 'Get-SpfRecord broken.example -ZoneFile "$fixtures/broken.zone"'
        $r.Errors | Should -HaveCount 1
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileInvalid'
        $r.Errors[0].CategoryInfo.Category | Should -Be InvalidData
        ([regex]::Matches($r.Errors[0].Exception.Message, 'broken\.zone:5')).Count | Should -Be 1
    }
}

Describe '-Server addresses' {
    It 'rejects <_> with InvalidServerAddress' -ForEach '192.0.2', 'dns.example.com', '192.0.2.53:0', '192.0.2.53:70000', '[2001:db8::53', '[192.0.2.53]:53' {
        $r = Invoke-InRunspace -Script 'Get-SpfRecord example.com -Server $args[0]' -ArgumentList $_
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidServerAddress,EmailAuth.Commands.GetSpfRecordCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be InvalidArgument
        $r.Errors[0].TargetObject | Should -Be $_
        $r.Output | Should -BeNullOrEmpty
    }

    It 'accepts <_>' -ForEach '192.0.2.53', '192.0.2.53:5353', '2001:db8::53', '[2001:db8::53]', '[2001:db8::53]:5353' {
        # No domain to check: MissingDomain comes after -Server was parsed, before any query.
        $null = Test-SpfHost 192.0.2.1 -Server $_ -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Get-ErrorId | Should -Be 'MissingDomain'
    }
}

Describe 'Hostile zone files' {
    It 'refuses <Path> as not a regular file instead of reading it without end' -ForEach @(
        @{ Path = '/dev/zero'; Kind = 'character device' }
        @{ Path = '/dev/urandom'; Kind = 'character device' }
    ) {
        $r = Invoke-InRunspace -Script 'Get-SpfRecord example.com -ZoneFile $args[0]' -ArgumentList $Path
        $r.Errors | Should -HaveCount 1
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileInvalid'
        $r.Errors[0].Exception.Message | Should -BeLike "*$Path*not a regular file*$Kind*"
    } -Skip:($IsWindows)

    It 'refuses a device named by $INCLUDE, with the including file and line' -Skip:($IsWindows) {
        $zone = Join-Path $TestDrive 'include-device.zone'
        Set-Content $zone '$ORIGIN example.com.', '$TTL 300', '$INCLUDE /dev/urandom'
        $r = Invoke-InRunspace -Script 'Get-SpfRecord example.com -ZoneFile $args[0]' -ArgumentList $zone
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileInvalid'
        $r.Errors[0].Exception.Message | Should -BeLike "*include-device.zone:3*`$INCLUDE /dev/urandom*not a regular file*"
    }

    It 'refuses a FIFO instead of waiting on it for ever' -Skip:($IsWindows) {
        $fifo = Join-Path $TestDrive 'fifo.zone'
        & mkfifo $fifo
        $r = Invoke-InRunspace -Script 'Get-SpfRecord example.com -ZoneFile $args[0]' -ArgumentList $fifo
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileInvalid'
        $r.Errors[0].Exception.Message | Should -BeLike '*not a regular file*FIFO*'
    }

    It 'warns once about an empty zone file, and again when it changes' {
        $empty = Join-Path $TestDrive 'empty.zone'
        Set-Content $empty '; nothing here yet'
        $first = Invoke-InRunspace -Script 'Get-SpfRecord example.com -ZoneFile $args[0]; Get-SpfRecord example.com -ZoneFile $args[0]' -ArgumentList $empty
        $first.Warnings | Should -HaveCount 1
        $first.Warnings[0] | Should -BeLike "*empty.zone*no records*"
        $first.Output | ForEach-Object { $_.Findings.Code } | Should -Be 'SPF_NO_RECORD', 'SPF_NO_RECORD'
        Add-Content $empty '; still nothing, but the file changed'
        (Invoke-InRunspace -Script 'Get-SpfRecord example.com -ZoneFile $args[0]' -ArgumentList $empty).Warnings | Should -HaveCount 1
    }

    It 'caps reader warnings at 20 and says how many more there were' {
        $zone = Join-Path $TestDrive 'many-ds.zone'
        Set-Content $zone (@('$ORIGIN example.com.', '$TTL 300', '@ IN TXT "v=spf1 -all"') + (1..25 | ForEach-Object { "sub$_ IN DS 12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE" }))
        $r = Invoke-InRunspace -Script 'Get-SpfRecord example.com -ZoneFile $args[0]' -ArgumentList $zone
        $r.Errors | Should -BeNullOrEmpty
        $r.Warnings | Should -HaveCount 21
        $r.Warnings[-1] | Should -BeLike '*5 more warnings not shown (25 in all)*'
    }
}
