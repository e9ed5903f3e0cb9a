<#
.SYNOPSIS
    Builds mcpshim on Windows (or anywhere PowerShell 7 runs): the native AOT binary, the images, the tests.
.DESCRIPTION
    The PowerShell twin of build.sh.
      all (default)     publish, then images (skipped with a warning when Docker is not reachable)
      publish           native AOT binary -> artifacts\bin\mcpshim.exe (needs the "Desktop development with C++"
                        workload of Visual Studio or its Build Tools, which native AOT links with)
      images [NAME...]  build images\<NAME>\Dockerfile as mcpshim/<NAME>:latest and :<version>; old :latest -> :previous
      test              publish, images, then dotnet test McpShim.sln -c Release (-ToolArgs go to dotnet test), then
                        mcpshim test --all over the built-in profiles (JUnit: artifacts/test-results/smoke.xml)
      bench             publish, then run tests\McpShim.Benchmarks (-ToolArgs go to the benchmark)
.EXAMPLE
    ./build.ps1
    ./build.ps1 publish -Rid win-arm64
    ./build.ps1 images everything -CaBundle C:\certs\proxy-ca.pem
    ./build.ps1 test -ToolArgs '--filter','FullyQualifiedName~Relay'
    ./build.ps1 publish -Properties 'ShimTargetFramework=net10.0'   # MSBuild properties for publish and test
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [Parameter(Position = 0)][ValidateSet('all', 'publish', 'images', 'test', 'bench')][string]$Command = 'all',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)][string[]]$Names = @(),
    [string]$Rid,
    [string]$BaseImage = $(if ($env:MCPSHIM_BASE_IMAGE) { $env:MCPSHIM_BASE_IMAGE } else { 'debian:bookworm-slim' }),
    [string]$CaBundle = $env:MCPSHIM_CA_BUNDLE,
    [string[]]$ToolArgs = @(),
    [string[]]$Properties = @()
)
$ErrorActionPreference = 'Stop'
$Repo = $PSScriptRoot
$Artifacts = Join-Path $Repo 'artifacts'
$Logs = Join-Path $Artifacts 'logs'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Log([string]$Message) { [Console]::Error.WriteLine("[build $(Get-Date -Format HH:mm:ss)] $Message") }
function Invoke-Native([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-DefaultRid {
    $arch = if ([Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'Arm64') { 'arm64' } else { 'x64' }
    if ($IsMacOS) { "osx-$arch" } elseif ($IsLinux) { "linux-$arch" } else { "win-$arch" }
}

function Test-Docker {
    if (-not (Get-Command docker -ErrorAction SilentlyContinue)) { return $false }
    docker info *> $null
    return $LASTEXITCODE -eq 0
}

function Invoke-Publish {
    $script:Rid = if ($Rid) { $Rid } else { Get-DefaultRid }
    Log "publish: native AOT for $Rid -> artifacts/bin"
    Invoke-Native dotnet (@('publish', (Join-Path $Repo 'src/McpShim/McpShim.csproj'), '-c', 'Release', '-r', $Rid,
        '-o', (Join-Path $Artifacts 'bin')) + @($Properties | ForEach-Object { "-p:$_" }))
}

function Build-Image([string]$Name) {
    $dir = Join-Path $Repo "images/$Name"
    if (-not (Test-Path (Join-Path $dir 'Dockerfile'))) { throw "no images/$Name/Dockerfile" }
    $tag = "mcpshim/$Name"
    $context = Join-Path $Artifacts "docker-context/$Name"
    $log = Join-Path $Logs "$Name.log"
    $watch = [Diagnostics.Stopwatch]::StartNew()

    # A private copy of the context so the optional CA bundle never lands in the source tree.
    Remove-Item -Recurse -Force $context -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $context, $Logs | Out-Null
    Copy-Item -Recurse (Join-Path $dir '*') $context
    $ca = Join-Path $context 'extra-ca.pem'
    if ($CaBundle) { Copy-Item $CaBundle $ca } else { New-Item -ItemType File $ca | Out-Null }

    # The Debian suite the Dockerfile names (ARG BASE_IMAGE=debian:SUITE-slim): -BaseImage gets that suite swapped in,
    # e.g. mcpshim/base:bookworm -> mcpshim/base:trixie ({suite} in -BaseImage says where), as in build.sh.
    $suite = Select-String -Path (Join-Path $dir 'Dockerfile') -Pattern '^ARG BASE_IMAGE=debian:([a-z]+)-slim\s*$' |
        Select-Object -First 1 | ForEach-Object { $_.Matches[0].Groups[1].Value }
    $base = $BaseImage
    if ($suite -and $base.Contains('{suite}')) { $base = $base.Replace('{suite}', $suite) }
    elseif ($suite) {
        foreach ($known in @('bullseye', 'bookworm', 'trixie', 'forky', 'sid')) {
            if ($base.Contains($known)) { $base = $base.Replace($known, $suite); break }
        }
    }

    $oldId = docker image inspect --format '{{.Id}}' "${tag}:latest" 2>$null
    Log "images: $tag (base $base); log: $log"
    Set-Content $log ''
    # The label lets `mcpshim prune` find this image once a rebuild leaves it dangling (it removes only labelled ones).
    docker build --build-arg "BASE_IMAGE=$base" --label io.mcpshim.managed=true -t "${tag}:latest" $context 2>&1 | ForEach-Object {
        $line = "$_"
        Add-Content $log $line
        if ($line -match '^(Step \d+/\d+|#\d+ \[)') { Log ("  {0,-12} {1,4}s  {2}" -f $Name, [int]$watch.Elapsed.TotalSeconds, $line) }
    }
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log -Tail 40 | ForEach-Object { [Console]::Error.WriteLine("  | $_") }
        throw "image $tag failed to build (full log: $log). Behind a TLS-intercepting proxy pass -CaBundle."
    }
    $newId = docker image inspect --format '{{.Id}}' "${tag}:latest"
    if ($oldId -and $oldId -ne $newId) { Invoke-Native docker @('tag', $oldId, "${tag}:previous") }
    $version = docker image inspect --format '{{index .Config.Labels "org.opencontainers.image.version"}}' "${tag}:latest"
    if ($version -and $version -ne '<no value>') { Invoke-Native docker @('tag', "${tag}:latest", "${tag}:$version") }
    # Content-addressed: :sha-<first 12 hex of the image id> always means the same bytes.
    $digestTag = ('sha-' + $newId.Replace('sha256:', '')).Substring(0, 16)
    Invoke-Native docker @('tag', "${tag}:latest", "${tag}:$digestTag")
    Log "images: ${tag}:latest $version $digestTag built in $([int]$watch.Elapsed.TotalSeconds) s"
}

function Invoke-Images([string[]]$List) {
    if (-not (Test-Docker)) { throw "Docker is not reachable ('docker info' failed); start Docker Desktop" }
    if (-not $List) {
        $List = Get-ChildItem (Join-Path $Repo 'images') -Directory |
            Where-Object { $_.Name -ne 'base' -and (Test-Path (Join-Path $_.FullName 'Dockerfile')) } |
            ForEach-Object Name
    }
    foreach ($name in $List) { Build-Image $name }
}

function Invoke-ImagesIfPossible {
    if (Test-Docker) { Invoke-Images @() }
    elseif ($env:MCPSHIM_REQUIRE_DOCKER -eq '1') { throw "MCPSHIM_REQUIRE_DOCKER=1 but 'docker info' failed" }
    else { Log "warning: Docker is not reachable; skipping images (Docker tests will skip)" }
}

function Invoke-Tests {
    $exe = if ($Rid -like 'win*') { 'mcpshim.exe' } else { 'mcpshim' }
    if (-not $env:MCPSHIM_BINARY) { $env:MCPSHIM_BINARY = Join-Path $Artifacts "bin/$exe" }
    New-Item -ItemType Directory -Force $Logs | Out-Null
    $log = Join-Path $Logs 'test.log'
    dotnet test (Join-Path $Repo 'McpShim.sln') -c Release @($Properties | ForEach-Object { "-p:$_" }) @ToolArgs 2>&1 | Tee-Object -FilePath $log
    $code = $LASTEXITCODE
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($m in (Select-String -Path $log -Pattern '^(Passed|Failed)! +- +Failed: +(\d+), Passed: +(\d+), Skipped: +(\d+)')) {
        $failed += [int]$m.Matches[0].Groups[2].Value
        $passed += [int]$m.Matches[0].Groups[3].Value
        $skipped += [int]$m.Matches[0].Groups[4].Value
    }
    Write-Output "tests: $passed passed, $failed failed, $skipped skipped"
    if ($code -ne 0) { exit $code }
}

# `mcpshim test --all` over the built-in profiles only (not a developer's own profiles file), as build.sh does.
function Invoke-SmokeTests {
    if (-not (Test-Docker)) {
        if ($env:MCPSHIM_REQUIRE_DOCKER -eq '1') { throw "MCPSHIM_REQUIRE_DOCKER=1 but 'docker info' failed; the smoke tests cannot run" }
        Log "warning: Docker is not reachable; skipping the smoke tests (mcpshim test --all)"
        return
    }
    $results = Join-Path $Artifacts 'test-results'
    New-Item -ItemType Directory -Force $results | Out-Null
    $config = Join-Path $results 'builtin-profiles.json'
    Set-Content $config '{ "profiles": {} }'
    # The built-in filesystem profile serves the folder it is started in (its client's project), read-only; a folder
    # inside the home folder (the default allowed root) that is removed afterwards stands in for one.
    $project = Join-Path $HOME ('.mcpshim-smoke.' + [System.IO.Path]::GetRandomFileName())
    New-Item -ItemType Directory -Force $project | Out-Null
    Set-Content (Join-Path $project 'README.md') 'a project folder for the smoke tests of the built-in filesystem profile'
    Log "smoke: mcpshim test --all in $project (JUnit: $results/smoke.xml)"
    Push-Location $project
    try {
        & $env:MCPSHIM_BINARY test --all --config $config --junit (Join-Path $results 'smoke.xml') --json (Join-Path $results 'smoke.json')
        $code = $LASTEXITCODE
    } finally {
        Pop-Location
        Remove-Item -Recurse -Force $project
    }
    if ($code -ne 0) { exit $code }
}

switch ($Command) {
    'all' { Invoke-Publish; Invoke-ImagesIfPossible }
    'publish' { Invoke-Publish }
    'images' { Invoke-Images $Names }
    'test' { Invoke-Publish; Invoke-ImagesIfPossible; Invoke-Tests; Invoke-SmokeTests }
    'bench' {
        Invoke-Publish
        Invoke-Native dotnet (@('run', '-c', 'Release', '--project', (Join-Path $Repo 'tests/McpShim.Benchmarks'), '--') + $Names + $ToolArgs)
    }
}
