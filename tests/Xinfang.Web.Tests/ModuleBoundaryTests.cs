using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;

namespace Xinfang.Web.Tests;

/// <summary>
/// The shape the architecture asks for (docs/architecture.md): the law as code references nothing but
/// the runtime; the Chinese-text engine knows nothing of the host or the domain; and each module folder
/// of the host registers itself with one <c>AddX</c> on the builder, which Program.cs calls.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Domain = typeof(Xinfang.Domain.Petitions.Petition).Assembly;
    private static readonly Assembly Text = typeof(Xinfang.Text.ChineseSegmenter).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void The_domain_references_only_the_runtime()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("System.Runtime", references);
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard",
            $"Xinfang.Domain references {name}: the domain holds the law and nothing else (ADR 0001)"));
    }

    [Fact]
    public void The_text_engine_knows_neither_the_host_nor_the_domain()
    {
        var references = Text.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(Web.GetName().Name, references);
        Assert.DoesNotContain(Domain.GetName().Name, references);
    }

    [Fact]
    public void Each_module_folder_registers_itself_with_one_AddX()
    {
        var adds = Web.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute), false)
                && m.Name.StartsWith("Add", StringComparison.Ordinal)
                && m.GetParameters() is [{ ParameterType: var p }, ..] && p == typeof(WebApplicationBuilder))
            .Select(m => (Module: ModuleOf(m.DeclaringType!), Method: $"{m.DeclaringType!.Name}.{m.Name}"))
            .ToList();

        Assert.NotEmpty(adds);
        foreach (var module in adds.GroupBy(a => a.Module))
        {
            Assert.True(module.Count() == 1, $"module {module.Key} registers itself {module.Count()} times: {string.Join(", ", module.Select(a => a.Method))}");
        }

        // Program.cs calls each of them: a module that registers itself is wired in.
        var program = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Xinfang.Web", "Program.cs"));
        foreach (var (module, method) in adds)
        {
            var name = method[(method.IndexOf('.', StringComparison.Ordinal) + 1)..];
            Assert.True(program.Contains($"builder.{name}()", StringComparison.Ordinal), $"Program.cs does not call {method} (module {module})");
        }
    }

    [Fact]
    public void The_pooled_database_contexts_keep_no_state_of_their_own()
    {
        // ADR 0180: a context is reused by the next request once its request ends, and EF resets only its own state. A
        // field on the context (the caller, a filter, a flag) would reach the next request. The one field allowed is the
        // personal-data protector, read once from the options, which every request shares alike.
        var contexts = new[] { typeof(Xinfang.Web.Data.AppDbContext), typeof(Xinfang.Web.Data.SqliteAppDbContext), typeof(Xinfang.Web.Data.PostgresAppDbContext) };
        var fields = contexts
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .ToList();
        var field = Assert.Single(fields);
        Assert.Equal(typeof(Xinfang.Web.Privacy.PersonalDataProtector), field.FieldType);
        Assert.True(field.IsInitOnly, $"{field.DeclaringType!.Name}.{field.Name} must be set once, from the options");
    }

    private static string ModuleOf(Type t)
    {
        var ns = t.Namespace ?? string.Empty;
        const string Prefix = "Xinfang.Web.";
        return ns.StartsWith(Prefix, StringComparison.Ordinal) ? ns[Prefix.Length..].Split('.')[0] : ns;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Xinfang.slnx not found above " + AppContext.BaseDirectory);
    }
}
