using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xinfang.Text;
using Xinfang.Text.Bench;

// Modes:
//   text <command> …            the text commands without the Web host (same code the host runs)
//   generate <dir> [--small]    writes evaluation TSVs from the synthetic generator (--small: the tests' Data files)
//   experiment TRAIN TEST [--repeats N]  macro-F1 of the classifier's recipe variants on one split
//   quick [--items N]           Stopwatch measurements: lookup with N stored (default 1,000,000), prediction, training
//   choose-recipe [NAME]        issue 15: 3-fold CV of the recipes inside the written corpus's tuning half
//   report-recipes [NAME]       train on the tuning half, score the report half once
//   confidence-threshold        the unsure threshold from the tuning half's out-of-fold probabilities
//   training-scale --items N    training time, peak memory, report-half F1 and prediction time at N synthetic items
//   (anything else)             BenchmarkDotNet
if (args.Length > 0 && args[0] == "text")
{
    return TextCommandLine.Run(args[1..], Console.Out, Console.Error);
}

if (args.Length > 1 && args[0] == "generate")
{
    DataFiles.Write(args[1], args.Length > 2 && args[2] == "--small");
    return 0;
}

if (args.Length > 2 && args[0] == "experiment")
{
    Experiments.Run(args[1], args[2], args.Length > 4 && args[3] == "--repeats" ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1);
    return 0;
}

if (args.Length > 0 && args[0] is "quick" or "--quick")
{
    var n = args.Length > 2 && args[1] == "--items" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
    Quick.Run(n);
    return 0;
}

if (args.Length > 0 && args[0] == "choose-recipe")
{
    TrainingScale.ChooseRecipe(args.Length > 1 ? args[1] : null);
    return 0;
}

if (args.Length > 0 && args[0] == "report-recipes")
{
    TrainingScale.Report(args.Length > 1 ? args[1] : null);
    return 0;
}

if (args.Length > 0 && args[0] == "confidence-threshold")
{
    TrainingScale.ConfidenceThreshold();
    return 0;
}

if (args.Length > 2 && args[0] == "training-scale" && args[1] == "--items")
{
    TrainingScale.Run(int.Parse(args[2], CultureInfo.InvariantCulture));
    return 0;
}

// In-process: no generated project to build (it would inherit the repo's analyzers and 2 busy cores).
BenchmarkSwitcher.FromAssembly(typeof(Quick).Assembly).Run(args,
    DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator));
return 0;

