# The posture benchmark's commands (benchmarks/README.md) stay runnable: a small run of each, no figure checked.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $configuration = if ($env:EMAILAUTH_CONFIGURATION) { $env:EMAILAUTH_CONFIGURATION } else { 'Release' }
    $benchmarks = Join-Path $RepoRoot 'benchmarks' 'EmailAuth.Benchmarks' 'bin' $configuration 'net10.0' 'EmailAuth.Benchmarks.dll'
}

Describe 'benchmarks' {
    It 'posture: Test-EmailAuth''s core against knotd behind the 20 ms proxy (its own process) prints the ratio' -Skip:$noKnot {
        $out = & dotnet $benchmarks posture --domains 30 --delay 5 --selector s1 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Contain 'grades: A 30'
        ($out -match '^total \d+\.\d\d s, [\d.]+ domains/s, \d+ queries reached the server') | Should -HaveCount 1
        ($out -match '^bound \d+\.\d\d s \(cold depth\) -> ratio \d+\.\d\dx') | Should -HaveCount 1
        ($out -match "^machine CPU busy .*the delaying proxy's process \d+ ms") | Should -Not -BeNullOrEmpty
    }

    It 'posture-pwsh.ps1: Test-EmailAuth itself against the served zone, every domain audited' -Skip:$noKnot {
        # In a child pwsh: the script imports the module under test and runs the benchmark server beside it.
        $script = Join-Path $RepoRoot 'benchmarks' 'posture-pwsh.ps1'
        $out = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script -Domains 30 -Runs 2 -Delay 5 -ModuleManifest $ModuleManifest 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        ($out -match '^run 1: .*ratio \d+\.\d\dx; grades: A 30$') | Should -HaveCount 1
        ($out -match '^run 2: .*grades: A 30$') | Should -HaveCount 1
    }

    It 'posture-ab.sh: two builds timed alternately (a snapshot, then fresh and pwsh pairs)' -Skip:($noKnot -or $IsWindows) {
        $script = Join-Path $RepoRoot 'benchmarks' 'posture-ab.sh'
        # Two "builds": the benchmark and the module under test, laid out as --snapshot lays them out.
        $builds = foreach ($name in 'one', 'two') {
            $dir = Join-Path $TestDrive $name
            New-Item -ItemType Directory (Join-Path $dir 'module') -Force | Out-Null
            Copy-Item (Split-Path $benchmarks) (Join-Path $dir 'bench') -Recurse
            Copy-Item (Split-Path $ModuleManifest) (Join-Path $dir 'module') -Recurse
            $dir
        }
        $env:POSTURE_AB_DOMAINS = 30; $env:POSTURE_AB_DELAY = 5
        try {
            $out = & bash $script $builds[0] $builds[1] 1 1 2>&1
        }
        finally {
            Remove-Item Env:POSTURE_AB_DOMAINS, Env:POSTURE_AB_DELAY
        }
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        ($out -match '^fresh one .*ratio \d+\.\d\dx') | Should -HaveCount 1 -Because ($out -join "`n")
        ($out -match '^fresh two .*ratio \d+\.\d\dx') | Should -HaveCount 1
        ($out -match '^pwsh one .*run 1: .*ratio \d+\.\d\dx run 2: ') | Should -HaveCount 1
        ($out -match '^pwsh two .*run 1: .*ratio \d+\.\d\dx run 2: ') | Should -HaveCount 1
    }
}
