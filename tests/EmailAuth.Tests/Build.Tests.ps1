# build.ps1, the one front door, run as a user runs it: a new pwsh process from the repository root.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $buildScript = Join-Path $RepoRoot 'build.ps1'
}

Describe 'build.ps1' {
    It 'builds an importable module folder and packages it as a zip' {
        $out = Join-Path $TestDrive 'out'
        $build = Invoke-Pwsh "& '$buildScript' -Task Build -OutputPath '$out'"
        $build.ExitCode | Should -Be 0 -Because $build.Text
        $moduleDir = Join-Path $out 'EmailAuth' $Version
        $build.Output[-1] | Should -Be $moduleDir
        foreach ($file in 'EmailAuth.psd1', 'EmailAuth.dll', 'EmailAuth.Core.dll', 'DnsClient.dll', 'EmailAuth.format.ps1xml', 'LICENSE',
                          'EmailAuth.types.ps1xml', 'EmailAuth.dll-Help.xml', 'en-US/about_EmailAuth.help.txt', 'Samples/example.com.zone', 'Samples/Demo.ps1') {
            Join-Path $moduleDir $file | Should -Exist
        }
        Join-Path $moduleDir 'System.Management.Automation.dll' | Should -Not -Exist
        "$((Test-ModuleManifest (Join-Path $moduleDir 'EmailAuth.psd1')).Version)" | Should -Be $Version

        $package = Invoke-Pwsh "& '$buildScript' -Task Package -OutputPath '$out'"
        $package.ExitCode | Should -Be 0 -Because $package.Text
        $zip = Join-Path $out "EmailAuth.$Version.zip"
        $package.Output[-1] | Should -Be $zip
        $unzipped = Join-Path $TestDrive 'unzipped' 'EmailAuth' $Version
        Expand-Archive $zip -DestinationPath $unzipped
        foreach ($file in 'EmailAuth.psd1', 'EmailAuth.dll', 'en-US/about_EmailAuth.help.txt', 'Samples/example.com.zone', 'LICENSE') {
            Join-Path $unzipped $file | Should -Exist
        }
        # Installed by unzipping into a folder on PSModulePath, it imports by name.
        $import = Invoke-Pwsh "`$env:PSModulePath = '$(Join-Path $TestDrive 'unzipped')'; Import-Module EmailAuth; (Get-Command -Module EmailAuth).Count"
        $import.ExitCode | Should -Be 0 -Because $import.Text
        [int]$import.Output[-1] | Should -Be (Get-Command -Module EmailAuth).Count
    }

    It 'rejects an unknown task before building' {
        $r = Invoke-Pwsh "& '$buildScript' -Task Deploy"
        $r.ExitCode | Should -Not -Be 0
        $r.Text | Should -Match 'Deploy'
        $r.Text | Should -Match 'ValidateSet|does not belong to the set'
    }

    It 'cleans the output folder and every project''s bin and obj, and nothing else' {
        # A scratch copy: cleaning the real tree would remove the assemblies this run uses.
        $scratch = Join-Path $TestDrive 'scratch'
        foreach ($dir in 'src/A/bin', 'src/A/obj', 'tests/B/obj', 'benchmarks/C/bin', 'out/EmailAuth') { $null = New-Item -ItemType Directory (Join-Path $scratch $dir) }
        Copy-Item $buildScript, (Join-Path $RepoRoot 'Directory.Build.props') $scratch
        Set-Content (Join-Path $scratch 'src/A/A.cs') '// source'
        $r = Invoke-Pwsh "& '$(Join-Path $scratch 'build.ps1')' -Task Clean" -WorkingDirectory $scratch
        $r.ExitCode | Should -Be 0 -Because $r.Text
        foreach ($dir in 'src/A/bin', 'src/A/obj', 'tests/B/obj', 'benchmarks/C/bin', 'out') { Join-Path $scratch $dir | Should -Not -Exist }
        Join-Path $scratch 'src/A/A.cs' | Should -Exist
    }

    It 'Test prints one closing line over the suites and fails when a test fails' {
        $suite = Join-Path $TestDrive 'suite'
        $null = New-Item -ItemType Directory $suite
        Set-Content (Join-Path $suite 'Sample.Tests.ps1') @'
Describe 'sample' {
    It 'passes' { 1 | Should -Be 1 }
    It 'fails' { 1 | Should -Be 2 }
    It 'is skipped' -Skip { }
}
'@
        $r = Invoke-Pwsh "& '$buildScript' -Task Test -Suite Pester -TestPath '$suite' -OutputPath '$(Join-Path $TestDrive 'testout')'"
        $r.ExitCode | Should -Be 1
        $r.Output[-1] | Should -Be '1 passed, 1 failed, 1 skipped'
        Join-Path $TestDrive 'testout' 'TestResults' 'pester.xml' | Should -Exist
    }
}

Describe 'Demo' {
    It 'runs the README''s first command: an offline audit of the sample zone through the format views' {
        $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
        $demoLine = ([regex]::Match($readme, '```sh\n(?<code>.*?)```', 'Singleline').Groups['code'].Value -split "`n" | Where-Object { $_ -match 'Demo' })
        $demoLine | Should -HaveCount 1
        $r = Invoke-Pwsh $demoLine
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'PS> Get-SpfRecord -Domain example.com -ZoneFile \$zone'
        $r.Text | Should -Match 'Domain\s+IsValid\s+Lookups\s+Findings\s+Record'      # the SpfRecordInfo table view
        $r.Text | Should -Match 'Error\s+SPF_INCLUDE_NO_RECORD'                       # the Finding table view
        $r.Text | Should -Match 'example.com\s+198.51.100.7\s+Pass\s+include:_spf'    # the SpfCheckResult table view
        $r.Text | Should -Match 'selector2\s+rsa\s+1024'                                 # the DkimKeyInfo table view
        $r.Text | Should -Match 'DMARC_POLICY_NONE'                                       # a DMARC finding
        $r.Text | Should -Match 'shop\.example\.com\s+A\s+ok\s+ok\s+ok\s+p=reject'           # the EmailAuthReport table view, last
        $r.Text | Should -Match 'emailauth-posture\.html'                                # the HTML posture report written
        $r.Text | Should -Not -Match 'Exception|error:'
    }
}
